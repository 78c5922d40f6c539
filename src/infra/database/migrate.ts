import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Applies pending migrations with `prisma migrate deploy` (the CLI, through prisma.config.ts). */
export async function migrateDatabase(databaseUrl: string, cwd = process.cwd()): Promise<string> {
  const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');
  const { stdout } = await run(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', PRISMA_DISABLE_WARNINGS: '1' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}
