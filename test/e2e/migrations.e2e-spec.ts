import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { applyPendingMigrations, migrateDatabase } from '../../src/infra/database/migrate.js';
import { eventually } from '../support/eventually.js';
import { adminQuery, readHarness, withDatabase } from '../support/test-database.js';

const run = promisify(execFile);
const MIGRATION_FOLDERS = readdirSync('prisma/migrations', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The Prisma CLI as `npm run db:migrate` runs it (through prisma.config.ts and its pg adapter shim). */
async function prismaCli(databaseUrl: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/prisma/build/index.js', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databases: string[] = [];
async function freshDatabase(): Promise<string> {
  const { serverUrl, runId } = readHarness();
  const name = `cx_t_${runId}_mig_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  databases.push(name);
  return withDatabase(serverUrl, name);
}
afterAll(async () => {
  const { serverUrl } = readHarness();
  for (const name of databases) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

/** Every object of the public schema with its full definition, in a stable order: a drift check between two databases. */
function schemaSnapshot(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ line: string }>(`
      SELECT 'column ' || table_name || '.' || column_name || ': ' || concat_ws(' ', data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default, is_generated, generation_expression) AS line
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT 'options ' || relname || ': ' || array_to_string(reloptions, ',') FROM pg_class WHERE relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL
      UNION ALL SELECT 'enum ' || t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
      UNION ALL SELECT 'function ' || p.proname || ': ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
      UNION ALL SELECT 'trigger ' || tgname || ': ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'view ' || viewname || ': ' || definition FROM pg_views WHERE schemaname = 'public'
      UNION ALL SELECT 'sequence ' || sequencename || ': ' || concat_ws(' ', data_type, start_value, increment_by) FROM pg_sequences WHERE schemaname = 'public'
      ORDER BY 1`);
    return rows.map((row) => row.line);
  });
}

function bookkeeping(url: string) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, applied_steps_count, logs, rolled_back_at, finished_at IS NOT NULL AS finished, length(id) AS id_length
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    return rows;
  });
}

/** A copy of prisma/migrations in a temporary project folder, plus extra migrations (name → SQL). */
function projectWith(extra: Record<string, string>): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cx-migrations-'));
  cpSync('prisma/migrations', path.join(cwd, 'prisma', 'migrations'), { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(cwd, 'prisma', 'migrations', name));
    writeFileSync(path.join(cwd, 'prisma', 'migrations', name, 'migration.sql'), sql);
  }
  return cwd;
}

describe('Migrations applied in process', () => {
  it('give the schema and bookkeeping of `prisma migrate deploy`, which then finds nothing to do', async () => {
    const [ours, theirs] = await Promise.all([freshDatabase(), freshDatabase()]);
    // The CLI run also covers the prisma/orm#27403 shim in prisma.config.ts on an empty database.
    const [applied, cli] = await Promise.all([applyPendingMigrations(ours), prismaCli(theirs, 'migrate', 'deploy')]);
    expect(cli).toMatchObject({ code: 0, output: expect.stringContaining('All migrations have been successfully applied') });
    expect(applied).toEqual(MIGRATION_FOLDERS);

    expect(await schemaSnapshot(ours)).toEqual(await schemaSnapshot(theirs));
    const [ourRows, theirRows] = await Promise.all([bookkeeping(ours), bookkeeping(theirs)]);
    expect(ourRows).toEqual(theirRows);
    expect(ourRows.map((row) => row.migration_name)).toEqual(MIGRATION_FOLDERS);

    const status = await prismaCli(ours, 'migrate', 'status');
    expect(status).toMatchObject({ code: 0, output: expect.stringContaining('Database schema is up to date') });
    const deploy = await prismaCli(ours, 'migrate', 'deploy');
    expect(deploy).toMatchObject({ code: 0, output: expect.stringContaining('No pending migrations to apply') });
    await expect(migrateDatabase(ours)).resolves.toBe('No pending migrations to apply.');
    await expect(migrateDatabase(theirs)).resolves.toBe('No pending migrations to apply.');
  }, 180_000);

  it("waits for whoever holds Prisma Migrate's advisory lock, and concurrent runs apply each migration once", async () => {
    const url = await freshDatabase();
    await withClient(url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock(72707369)');
      const migrating = applyPendingMigrations(url);
      // Wait until the migrator is queued on the lock, then check it has not touched the database.
      await withClient(url, async (observer) => {
        await eventually(
          async () => {
            const { rows } = await observer.query(
              `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND NOT granted`,
            );
            expect(rows[0].waiting).toBeGreaterThan(0);
          },
          { timeoutMs: 30_000, intervalMs: 20, what: 'the migrator to queue on the advisory lock' },
        );
        const { rows } = await observer.query(`SELECT to_regclass('_prisma_migrations') AS table`);
        expect(rows[0].table).toBeNull();
      });
      await holder.query('SELECT pg_advisory_unlock(72707369)');
      await expect(migrating).resolves.toEqual(MIGRATION_FOLDERS);
    });

    const racing = await freshDatabase();
    const results = await Promise.all([applyPendingMigrations(racing), applyPendingMigrations(racing), applyPendingMigrations(racing)]);
    expect(results.flat().sort()).toEqual(MIGRATION_FOLDERS);
    expect((await bookkeeping(racing)).map((row) => row.migration_name)).toEqual(MIGRATION_FOLDERS);
  });

  it('refuse to go on when an applied migration was edited or one failed', async () => {
    const url = await freshDatabase();
    await applyPendingMigrations(url);
    const first = MIGRATION_FOLDERS[0];

    await withClient(url, (client) => client.query(`UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first]));
    await expect(applyPendingMigrations(url)).rejects.toThrow(`Migrations changed after they were applied: ${first}`);

    await withClient(url, (client) =>
      client.query(`UPDATE _prisma_migrations SET checksum = $2, finished_at = NULL, logs = 'boom' WHERE migration_name = $1`, [first, ourChecksum(first)]),
    );
    await expect(applyPendingMigrations(url)).rejects.toThrow(`Failed migrations in the database: ${first} (boom)`);

    // A migration that is not in the folder (applied by newer code) does not stop an older start, as with the CLI.
    await withClient(url, (client) => client.query(`UPDATE _prisma_migrations SET finished_at = now(), logs = NULL WHERE migration_name = $1`, [first]));
    await withClient(url, (client) =>
      client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, repeat('0', 64), '99990101000000_from_newer_code', now(), 1)`,
        [randomUUID()],
      ),
    );
    await expect(applyPendingMigrations(url)).resolves.toEqual([]);
  });

  it('refuse a non-empty database that Prisma Migrate never migrated', async () => {
    const url = await freshDatabase();
    await withClient(url, (client) => client.query('CREATE TABLE somebody_elses (id int)'));
    await expect(applyPendingMigrations(url)).rejects.toThrow(/schema is not empty/);
  });

  it('roll a failing migration back whole, record it as rolled back, and retry it on the next run', async () => {
    const url = await freshDatabase();
    await applyPendingMigrations(url);
    const broken = projectWith({ '99990101000000_broken': 'CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n' });
    try {
      await expect(applyPendingMigrations(url, broken)).rejects.toThrow(/99990101000000_broken failed and was rolled back: division by zero/);
      await withClient(url, async (client) => {
        expect((await client.query(`SELECT to_regclass('half_done') AS table`)).rows[0].table).toBeNull();
        const { rows } = await client.query(
          `SELECT logs, rolled_back_at IS NOT NULL AS rolled_back, finished_at FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`,
        );
        expect(rows).toEqual([{ logs: expect.stringContaining('division by zero'), rolled_back: true, finished_at: null }]);
      });

      writeFileSync(path.join(broken, 'prisma', 'migrations', '99990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\n');
      await expect(applyPendingMigrations(url, broken)).resolves.toEqual(['99990101000000_broken']);
      await withClient(url, async (client) => {
        const { rows } = await client.query(
          `SELECT count(*)::int AS finished FROM _prisma_migrations WHERE migration_name = '99990101000000_broken' AND finished_at IS NOT NULL`,
        );
        expect(rows[0].finished).toBe(1);
      });
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('run what PostgreSQL refuses inside a transaction the way the CLI does', async () => {
    const url = await freshDatabase();
    const project = projectWith({
      '99990101000000_concurrent_index': 'CREATE INDEX CONCURRENTLY "users_name_probe_idx" ON "users"("name");\n',
      '99990102000000_own_transaction': 'BEGIN;\nCREATE TYPE "Probe" AS ENUM (\'A\');\nCOMMIT;\n',
    });
    try {
      await expect(applyPendingMigrations(url, project)).resolves.toEqual([
        ...MIGRATION_FOLDERS,
        '99990101000000_concurrent_index',
        '99990102000000_own_transaction',
      ]);
      await withClient(url, async (client) => {
        const index = await client.query(`SELECT i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = 'users_name_probe_idx'::regclass`);
        expect(index.rows).toEqual([{ valid: true }]);
        expect((await client.query(`SELECT to_regtype('"Probe"') AS type`)).rows[0].type).toBe('"Probe"');
        const { rows } = await client.query(
          `SELECT count(*)::int AS finished FROM _prisma_migrations WHERE migration_name LIKE '9999%' AND finished_at IS NOT NULL AND applied_steps_count = 1`,
        );
        expect(rows[0].finished).toBe(2);
      });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('FAQ search index', () => {
  it('takes new entries straight into the index, so no FAQ match scans a pending list', async () => {
    const url = await freshDatabase();
    await applyPendingMigrations(url);
    const { rows } = await withClient(url, (client) => client.query(`SELECT reloptions FROM pg_class WHERE relname = 'faqs_search_vector_idx'`));
    expect(rows).toEqual([{ reloptions: ['fastupdate=off'] }]);
  });
});

function ourChecksum(name: string): string {
  return createHash('sha256')
    .update(readFileSync(path.join('prisma', 'migrations', name, 'migration.sql')))
    .digest('hex');
}
