import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

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

/** True when every migration folder is already applied, so start-up can skip the Prisma CLI (~seconds). */
export async function migrationsUpToDate(databaseUrl: string, cwd = process.cwd()): Promise<boolean> {
  const folders = readdirSync(path.join(cwd, 'prisma', 'migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS name`);
    if (!rows[0]?.name) return false;
    const applied = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return folders.every((folder) => done.has(folder));
  } finally {
    await client.end();
  }
}
