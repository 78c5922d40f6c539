import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One folder of `prisma/migrations`, as Prisma Migrate reads it. */
export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export class MigrationError extends Error {}

/**
 * The migration folders in the order Prisma applies them (by folder name), each with the checksum
 * Prisma records in `_prisma_migrations.checksum`: the SHA-256 of `migration.sql`, in lower-case hex.
 */
export function readMigrationsDirectory(directory: string): MigrationFile[] {
  assertPostgresLockfile(directory);
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(directory, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`The migration folder ${name} has no migration.sql`);
      const script = readFileSync(file, 'utf8');
      return { name, script, checksum: sha256(script) };
    });
}

/** Prisma accepts a recorded checksum when the script matches it with either line ending. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')].some((variant) => sha256(variant) === checksum);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Prisma refuses migrations written for another provider; so does this. */
function assertPostgresLockfile(directory: string): void {
  const lockfile = path.join(directory, 'migration_lock.toml');
  if (!existsSync(lockfile)) return;
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(lockfile, 'utf8'))?.[1];
  if (provider && provider !== 'postgresql') {
    throw new MigrationError(`prisma/migrations was written for "${provider}" (migration_lock.toml), not PostgreSQL`);
  }
}
