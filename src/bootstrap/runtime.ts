import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { validateEnvironment } from '../config/environment.js';
import { assertDatabaseReachable } from '../infra/database/database-check.js';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../infra/database/embedded-postgres.js';
import { applyPendingMigrations } from '../infra/database/migrate.js';
import { seedDatabaseIfIncomplete } from '../infra/database/seed/seed.js';

export interface Runtime {
  config: AppConfig;
  embedded?: EmbeddedDatabase;
}

/**
 * Resolves what the configuration leaves open. Without DATABASE_URL: a private PostgreSQL under
 * DATA_DIR, migrated and seeded (idempotently) on every start. Without JWT_SECRET (not allowed in
 * production): a random secret kept in DATA_DIR so that sessions survive restarts.
 */
export async function prepareRuntime(
  raw: Record<string, string | undefined>,
  log: (line: string) => void,
  { whileDatabaseStarts }: { whileDatabaseStarts?: () => void } = {},
): Promise<Runtime> {
  const env = validateEnvironment(raw);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  try {
    if (!databaseUrl) {
      log(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.join(env.DATA_DIR, 'postgres')}`);
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(env.DATA_DIR, 'postgres'),
        port: env.EMBEDDED_DB_PORT,
        log,
        whileStarting: whileDatabaseStarts,
      });
      databaseUrl = embedded.url;
    }
    await assertDatabaseReachable(databaseUrl, embedded ? 'EMBEDDED_DB_PORT' : 'DATABASE_URL');
    const config = new AppConfig(env, { databaseUrl, jwtSecret: env.JWT_SECRET ?? devSecret(env.DATA_DIR) });
    if (embedded) {
      const applied = await applyPendingMigrations(databaseUrl);
      if (applied.length > 0) log(`Applied ${applied.length} migration(s)`);
      await seed(config, log);
    }
    return { config, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

async function seed(config: AppConfig, log: (line: string) => void): Promise<void> {
  await seedDatabaseIfIncomplete(config.databaseUrl, { ...config.seed, bcryptRounds: config.bcryptRounds, log });
}

function devSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`Cannot keep the generated JWT secret in ${file} (${reason}): set DATA_DIR to a writable folder, or set JWT_SECRET`, { cause: error });
  }
}
