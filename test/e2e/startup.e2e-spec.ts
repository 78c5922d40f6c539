import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrateDatabase } from '../../src/infra/database/migrate.js';
import { readdirSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, createTestDatabase, readHarness, withDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** Runs the real entry point (`src/main.ts`) in a child process and returns how it ended. */
async function startServer(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('Start-up failures', () => {
  it('stops with one line naming a malformed variable', async () => {
    const result = await startServer({ PORT: 'abc', DATABASE_URL: 'postgresql://localhost/x' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: PORT="abc": .*integer/)]);
  });

  it('stops with one line naming a malformed DATABASE_URL', async () => {
    const result = await startServer({ DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: DATABASE_URL=/);
  });

  it('requires JWT_SECRET in production', async () => {
    const result = await startServer({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://localhost/x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET is required');
  });

  it('exits non-zero with a clear message when the database is down', async () => {
    const result = await startServer({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/cx' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Start-up failed: Cannot reach the database at 127.0.0.1:1/cx: connect ECONNREFUSED 127.0.0.1:1 (check DATABASE_URL)');
  });
});

describe('Start-up failures that name the setting to change', () => {
  it('stops with one line naming PORT when another program holds the HTTP port', async () => {
    const database = await createTestDatabase();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const result = await startServer({ DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `Start-up failed: Port ${port} on 127.0.0.1 is already in use by another program: set PORT to a free port (or stop that program)`,
      ]);
    } finally {
      holder.close();
      await database.drop();
    }
  });

  it('stops with one line naming DATA_DIR when the embedded database cannot have its folder', async () => {
    const file = path.join(os.tmpdir(), `cx-not-a-folder-${process.pid}`);
    writeFileSync(file, 'a file where a folder should be');
    try {
      const result = await startServer({ DATA_DIR: path.join(file, 'data') });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Start-up failed: .*set DATA_DIR/)]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('Migrations (covers the prisma/orm#27403 shim)', () => {
  it('migrate deploy brings an empty database to the current schema', async () => {
    const { serverUrl, runId } = readHarness();
    const name = `cx_t_${runId}_migrate_${process.pid}`;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    try {
      await migrateDatabase(withDatabase(serverUrl, name));
      const client = new pg.Client({ connectionString: withDatabase(serverUrl, name) });
      await client.connect();
      try {
        const applied = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name');
        const folders = readdirSync('prisma/migrations', { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name)
          .sort();
        expect(applied.rows.map((row) => row.migration_name)).toEqual(folders);
        const users = await client.query(`SELECT to_regclass('public.users') AS users`);
        expect(users.rows[0].users).toBe('users');
      } finally {
        await client.end();
      }
      // A second deploy finds nothing to do.
      await expect(migrateDatabase(withDatabase(serverUrl, name))).resolves.toMatch(/No pending migrations/);
    } finally {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
