import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { MigrationError, MigrationFile, readMigrationsDirectory, scriptMatchesChecksum } from './migrations-directory.js';

export { MigrationError } from './migrations-directory.js';

/** The advisory lock key of Prisma Migrate's schema engine, so this and `prisma migrate deploy` exclude each other. */
const PRISMA_MIGRATE_LOCK = 72707369;
const LOCK_WAIT_MS = 60_000;

/** The bookkeeping table exactly as Prisma's schema engine creates it. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** PostgreSQL refuses these inside a transaction block (25001), or a new enum value used in the transaction that added it (55P04). */
const NEEDS_AUTOCOMMIT = new Set(['25001', '55P04']);

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/**
 * Applies the pending folders of `prisma/migrations` in process, with the bookkeeping of
 * `prisma migrate deploy` in `_prisma_migrations` (so `prisma migrate status` and later deploys agree
 * with it) and under Prisma's advisory lock (so two starts, or a start and the CLI, cannot race).
 * It stops, as the CLI does, on a failed migration in the history or on a non-empty database that
 * Prisma never migrated; it also stops when an applied migration's file has changed since.
 *
 * Each migration runs in one transaction together with the row that records it, so a migration
 * that fails (or a process that dies) leaves nothing half-applied; a failure is recorded afterwards
 * as a row marked rolled back with the error in `logs`, and the next run tries the migration again.
 * A script that controls its own transactions, or that PostgreSQL refuses inside one (CREATE INDEX
 * CONCURRENTLY, an enum value used where it is added), runs the way `prisma migrate deploy` runs
 * every script here: one statement at a time. `npm run db:migrate` (the CLI) stays the deploy step
 * for external databases; this replaces it where the server migrates its own embedded database and
 * in the test harness, without the CLI's start-up cost. Returns the names of the migrations it applied.
 */
export async function applyPendingMigrations(databaseUrl: string, cwd = process.cwd()): Promise<string[]> {
  const migrations = readMigrationsDirectory(path.join(cwd, 'prisma', 'migrations'));
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const schema = new URL(databaseUrl).searchParams.get('schema');
    if (schema) await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
    await acquireMigrateLock(client);
    const history = await readHistory(client);
    assertHistoryHealthy(history, migrations);
    const applied = new Set(history.filter((row) => !row.rolled_back_at).map((row) => row.migration_name));
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) await applyMigration(client, migration);
    return pending.map((migration) => migration.name);
  } finally {
    await client.end().catch(() => undefined); // ends the session, which releases the advisory lock
  }
}

/** `applyPendingMigrations` with a one-line summary worded like the CLI's. */
export async function migrateDatabase(databaseUrl: string, cwd = process.cwd()): Promise<string> {
  const applied = await applyPendingMigrations(databaseUrl, cwd);
  return applied.length === 0 ? 'No pending migrations to apply.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`;
}

async function acquireMigrateLock(client: pg.Client): Promise<void> {
  await client.query(`SET statement_timeout = ${LOCK_WAIT_MS}`);
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`);
  } catch (error) {
    if ((error as { code?: string }).code !== '57014') throw error;
    throw new MigrationError(`Another process has been migrating this database for over ${LOCK_WAIT_MS / 1000} s (advisory lock ${PRISMA_MIGRATE_LOCK})`);
  } finally {
    await client.query('RESET statement_timeout');
  }
}

/** The rows of `_prisma_migrations`; creates the table on an empty database, as the CLI does. */
async function readHistory(client: pg.Client): Promise<AppliedRow[]> {
  const { rows } = await client.query<{ exists: boolean; objects: number }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists,
            (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S'))
          + (SELECT count(*)::int FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype = 'e') AS objects`,
  );
  if (!rows[0].exists) {
    if (rows[0].objects > 0) {
      throw new MigrationError('The database schema is not empty and was not migrated by Prisma Migrate: baseline it first (prisma migrate resolve)');
    }
    await client.query(CREATE_MIGRATIONS_TABLE);
    return [];
  }
  const history = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at',
  );
  return history.rows;
}

function assertHistoryHealthy(history: AppliedRow[], migrations: MigrationFile[]): void {
  const failed = history.filter((row) => !row.finished_at && !row.rolled_back_at);
  if (failed.length > 0) {
    const names = failed.map((row) => `${row.migration_name}${row.logs ? ` (${row.logs.trim().split('\n')[0]})` : ''}`).join('; ');
    throw new MigrationError(`Failed migrations in the database: ${names}. Resolve them with \`prisma migrate resolve\` before starting`);
  }
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const edited = history
    .filter((row) => row.finished_at && !row.rolled_back_at)
    .filter((row) => {
      const file = files.get(row.migration_name);
      return file && !scriptMatchesChecksum(file.script, row.checksum);
    })
    .map((row) => row.migration_name);
  if (edited.length > 0) {
    throw new MigrationError(`Migrations changed after they were applied: ${edited.join(', ')}. Restore their migration.sql as applied`);
  }
}

async function applyMigration(client: pg.Client, migration: MigrationFile): Promise<void> {
  if (controlsOwnTransactions(migration.script)) return applyStatementByStatement(client, migration);
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    await recordStarted(client, id, migration);
    await client.query(migration.script); // no parameters: the simple query protocol runs the whole script
    await recordFinished(client, id);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (NEEDS_AUTOCOMMIT.has((error as { code?: string }).code ?? '')) return applyStatementByStatement(client, migration);
    await recordStarted(client, id, migration, describe(error)).catch(() => undefined);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${describe(error)}`, { cause: error });
  }
}

/**
 * What `prisma migrate deploy` does with every script through the pg driver adapter: split on `;`
 * and run each statement on its own. A failure here can leave part of the migration applied, so
 * it is recorded as failed (not rolled back), exactly as the CLI records it.
 */
async function applyStatementByStatement(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await recordStarted(client, id, migration);
  try {
    for (const statement of splitStatements(migration.script)) await client.query(statement);
    await recordFinished(client, id);
  } catch (error) {
    await client.query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, describe(error)]).catch(() => undefined);
    throw new MigrationError(`Migration ${migration.name} failed part-way: ${describe(error)}. Fix the database, then run \`prisma migrate resolve\``, {
      cause: error,
    });
  }
}

/** A row as the CLI writes it when a migration starts; with `rolledBackError`, the record of a migration whose transaction was rolled back. */
function recordStarted(client: pg.Client, id: string, migration: MigrationFile, rolledBackError?: string) {
  return client.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, logs, rolled_back_at)
     VALUES ($1, $2, $3, clock_timestamp(), $4, CASE WHEN $4::text IS NULL THEN NULL ELSE clock_timestamp() END)`,
    [id, migration.checksum, migration.name, rolledBackError ?? null],
  );
}

function recordFinished(client: pg.Client, id: string) {
  return client.query('UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1', [id]);
}

function splitStatements(script: string): string[] {
  return script
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)(\s+(WORK|TRANSACTION))?$/i;

function controlsOwnTransactions(script: string): boolean {
  return splitStatements(script).some((statement) => TRANSACTION_CONTROL.test(statement.replace(/^(\s*--[^\n]*\n)*/, '').trim()));
}

function describe(error: unknown): string {
  const pgError = error as { message?: string; code?: string };
  return pgError.code ? `${pgError.message} (SQLSTATE ${pgError.code})` : String(pgError.message ?? error);
}
