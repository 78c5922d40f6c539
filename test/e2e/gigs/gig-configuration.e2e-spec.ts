import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the real entry point and returns how it ended (it should never get as far as the database). */
async function startServer(env: Record<string, string>) {
  try {
    const { stderr } = await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', DATABASE_URL: 'postgresql://127.0.0.1:1/none', ...env },
      timeout: 20_000,
    });
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('Gig marketplace configuration', () => {
  it.each([
    ['GIGS_AUTO_APPROVE_DAYS', 'abc'],
    ['GIGS_REVIEW_WINDOW_DAYS', '1.5'],
  ])('stops at start-up with one line naming %s=%s', async (name, value) => {
    const result = await startServer({ [name]: value });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Invalid configuration: ${name}="${value.replace('.', '\\.')}": `))]);
  });
});
