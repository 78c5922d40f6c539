import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/spawned-server.js';
import { createTestDatabase } from '../support/test-database.js';

const SDKS = ['openai', '@google/genai', 'assemblyai', 'firebase-admin', 'bullmq', 'ioredis', 'nodemailer'];

/** Starts `src/main.ts` until it is ready and returns the provider SDK packages it loaded. */
async function sdksLoadedByServer(env: Record<string, string>): Promise<string[]> {
  const database = await createTestDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-imports-'));
  const log = path.join(dir, 'imports.txt');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', '--import', './test/support/record-imports.mjs', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      RECORD_IMPORTS_TO: log,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) return `exited (${child.exitCode})`;
        return (await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the server to be ready' },
    );
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    const urls = readFileSync(log, 'utf8').split('\n');
    return SDKS.filter((sdk) => urls.some((url) => url.includes(`/node_modules/${sdk}/`)));
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

describe('Provider SDKs', () => {
  it('are not loaded when their provider is not configured', async () => {
    expect(await sdksLoadedByServer({})).toEqual([]);
  }, 120_000);

  it('are loaded when it is (openai for chat and moderation, nodemailer for SMTP)', async () => {
    const loaded = await sdksLoadedByServer({ AI_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(loaded).toEqual(expect.arrayContaining(['openai', 'nodemailer']));
  }, 120_000);
});
