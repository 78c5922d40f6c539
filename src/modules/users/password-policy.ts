import { badRequest } from '../../common/http/app-error.js';

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt ignores everything after 72 bytes, so longer passwords would silently be truncated. */
export const PASSWORD_MAX_BYTES = 72;

/** Bases of the passwords that top every leaked-password list; variants (case, l33t, digits) are caught too. */
const WELL_KNOWN = new Set([
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'superman',
  'batman',
  'trustno',
  'master',
  'shadow',
  'michael',
  'jennifer',
  'abc',
  'abcdef',
  'abcdefgh',
  'qazwsx',
  'changeme',
  'secret',
  'login',
  'starwars',
  'whatever',
  'freedom',
  'hello',
  'charlie',
  'donald',
  'computer',
  'internet',
  'pokemon',
  'liverpool',
  'chelsea',
  'arsenal',
  'mustang',
  'access',
  'flower',
  'hottie',
  'loveme',
  'zaq',
  'azerty',
  'default',
  'root',
  'test',
  'guest',
  'user',
  'welcomeback',
  'letmeinnow',
  'passwordpassword',
  'qwertyqwerty',
  'iloveu',
  'india',
  'pakistan',
]);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Lower case, l33t undone, and the digits/symbols people pad a weak word with stripped from both ends. */
function base(password: string): string {
  const lowered = password.toLowerCase();
  const stripped = lowered.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return stripped.replace(/[013457@$!]/g, (char) => LEET[char] ?? char).replace(/[^a-z]/g, '');
}

function isSequenceOrRepeat(password: string): boolean {
  if (/^(.)\1+$/.test(password)) return true;
  const codes = [...password].map((char) => char.charCodeAt(0));
  return (
    codes.every((code, index) => index === 0 || code - codes[index - 1] === 1) || codes.every((code, index) => index === 0 || code - codes[index - 1] === -1)
  );
}

/**
 * What is wrong with a password (empty when it is acceptable): the length, a well-known password,
 * or the user's own email, phone, username or name inside it.
 */
export function passwordProblems(password: string, owner: { email?: string | null; phone?: string | null; username?: string | null } = {}): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) problems.push(`must be at most ${PASSWORD_MAX_BYTES} bytes long`);
  const core = base(password);
  if (WELL_KNOWN.has(core) || WELL_KNOWN.has(password.toLowerCase()) || isSequenceOrRepeat(password) || /^\d+$/.test(password)) {
    problems.push('is a well-known or easily guessed password');
  }
  const lowered = password.toLowerCase();
  const email = owner.email?.toLowerCase();
  const personal = [email, email?.split('@')[0], owner.phone?.replace(/^\+/, ''), owner.username?.toLowerCase()].filter((part): part is string =>
    Boolean(part && part.length >= 3),
  );
  if (personal.some((part) => lowered.includes(part))) problems.push('must not contain your email, phone number or username');
  return problems;
}

/** Throws 400 WEAK_PASSWORD, one detail per problem, naming `field`. */
export function assertStrongPassword(password: string, owner: Parameters<typeof passwordProblems>[1], field = 'password'): void {
  const problems = passwordProblems(password, owner);
  if (problems.length) {
    throw badRequest(
      'WEAK_PASSWORD',
      'The password is too weak',
      problems.map((message) => ({ field, message: `${field} ${message}` })),
    );
  }
}
