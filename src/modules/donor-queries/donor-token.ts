import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'dq_';

/** A donor access token: high-entropy, recognisable by its prefix; only its hash is stored. */
export function generateDonorToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const looksLikeDonorToken = (token: string): boolean => token.startsWith(PREFIX) && token.length === PREFIX.length + 43;

export function hashDonorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of an integration key with the configured one. */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
