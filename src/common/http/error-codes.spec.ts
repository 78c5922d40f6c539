import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ERROR_CODES, ERROR_CODES, ErrorCode, isErrorCode } from './error-codes.js';

const SRC = join(process.cwd(), 'src');
const STATUS_NAMES: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_ENTITY: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
};

/** The application's own sources: no tests, no generated Prisma client, not the catalogue itself. */
const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.startsWith('generated') && !file.endsWith('error-codes.ts'))
  .map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));

const statusOf = (token: string) => (/^\d+$/.test(token) ? Number(token) : STATUS_NAMES[token.replace(/^HttpStatus\./, '')]);

/** Each place a code is thrown or answered with a known status: `new AppError(409, 'X'`, `conflict('X'`, `body(400, 'X'`, `statusCode: 503, error: 'X'`. */
function thrownCodes(): { file: string; code: string; status: number }[] {
  const found: { file: string; code: string; status: number }[] = [];
  const patterns: [RegExp, (match: RegExpMatchArray) => number][] = [
    [/new AppError\(\s*(HttpStatus\.[A-Z_]+|\d+),\s*'([A-Z0-9_]+)'/g, (m) => statusOf(m[1])],
    [/\bbody\(\s*(HttpStatus\.[A-Z_]+|\d+),\s*'([A-Z0-9_]+)'/g, (m) => statusOf(m[1])],
    [/statusCode: (\d+), error: '([A-Z0-9_]+)'/g, (m) => statusOf(m[1])],
    [/\b()conflict\(\s*'([A-Z0-9_]+)'/g, () => 409],
    [/\b()(?:badRequest|invalidKey)\(\s*'([A-Z0-9_]+)'/g, () => 400],
  ];
  for (const { file, text } of sources) {
    for (const [pattern, status] of patterns) {
      for (const match of text.matchAll(pattern)) found.push({ file, code: match[2], status: status(match) });
    }
  }
  return found;
}

describe('error code catalogue', () => {
  const thrown = thrownCodes();

  it('finds the codes the sources throw (the scan itself works)', () => {
    expect(thrown.length).toBeGreaterThan(150);
    expect(thrown).toContainEqual({ file: join('modules', 'gigs', 'gigs.service.ts'), code: 'SLOT_FULL', status: 409 });
    expect(thrown.every(({ status }) => Number.isInteger(status))).toBe(true);
  });

  it('holds every code the sources throw, with the status they throw it with', () => {
    const wrong = thrown.filter(({ code, status }) => !isErrorCode(code) || ERROR_CODES[code].status !== status);
    expect(wrong).toEqual([]);
  });

  it('gives each default code the status it is the default for', () => {
    const wrong = Object.entries(DEFAULT_ERROR_CODES).filter(([status, code]) => ERROR_CODES[code].status !== Number(status));
    expect(wrong).toEqual([]);
  });

  it('has no entry the sources never use', () => {
    const quoted = new Set(sources.flatMap(({ text }) => [...text.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1])));
    const defaults = new Set<string>(Object.values(DEFAULT_ERROR_CODES));
    const unused = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => !quoted.has(code) && !defaults.has(code));
    expect(unused).toEqual([]);
  });

  it('describes every code', () => {
    expect(Object.values(ERROR_CODES).filter(({ description }) => description.trim().length < 10)).toEqual([]);
  });
});
