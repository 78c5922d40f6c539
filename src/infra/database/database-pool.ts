import { constants } from 'node:os';
import pg from 'pg';

export interface DatabasePoolOptions {
  connectionString: string;
  max: number;
  /** Bounds the wait for a pooled connection and, separately, each query's wait for its answer. */
  timeoutMs: number;
  idleTimeoutMillis?: number;
}

type QueryCallback = (error: Error | null, result?: unknown) => void;

/**
 * The error of a query the server did not answer in time. It carries the shape of a socket timeout
 * (code, errno, syscall), which the Prisma pg adapter reports as P1008 and the error filter as 503.
 */
export class DatabaseTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  readonly errno = -(constants.errno.ETIMEDOUT ?? 110);
  readonly syscall = 'query';

  constructor(timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms (DATABASE_TIMEOUT_MS)`);
  }
}

/**
 * A pg client that runs one query at a time and gives up on a query the server does not answer.
 *
 * - Queries asked for while one is running wait here, in order, instead of in pg's own queue:
 *   Prisma's query interpreter runs the reads of an `include` side by side, which inside an
 *   interactive transaction (one connection) would queue them in pg, a use pg deprecates
 *   ("Calling client.query() when the client is already executing a query").
 * - A query without an answer after `timeoutMs` fails with {@link DatabaseTimeoutError}, and the
 *   connection is dropped: its server may still be working on (or frozen in) that query, so
 *   nothing else may be sent on it, and the pool removes it.
 */
export class BoundedClient extends pg.Client {
  /** Queries asked for and not yet settled; the next one waits for `last` unless this is 0. */
  private pending = 0;
  private last: Promise<unknown> = Promise.resolve();
  private dropped = false;

  constructor(
    config: pg.ClientConfig,
    private readonly timeoutMs: number,
  ) {
    super(config);
    // A lost connection is reported to its queries and to the pool; it must never crash the process
    // because the code holding the client had no 'error' listener at that moment.
    this.on('error', () => undefined);
  }

  // pg's overloads cannot be restated one by one here; the override keeps their runtime contract.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof (config as { submit?: unknown } | null)?.submit === 'function') {
      // Cursors and streams hand in their own Query object and manage it themselves.
      return (super.query as (...args: unknown[]) => never).call(this, config, values, callback);
    }
    const done = (typeof values === 'function' ? values : callback) as QueryCallback | undefined;
    const params = typeof values === 'function' ? undefined : values;
    const send = () => this.send(config, params);
    const result = this.pending === 0 ? send() : this.last.then(send, send);
    this.pending += 1;
    this.last = result.then(
      () => (this.pending -= 1),
      () => (this.pending -= 1),
    );
    if (!done) return result as never;
    result.then(
      (rows) => done(null, rows),
      (error: Error) => done(error),
    );
    return undefined as never;
  }

  private send(config: unknown, values: unknown): Promise<unknown> {
    if (this.dropped) return Promise.reject(new Error('Client has encountered a connection error and is not queryable'));
    const sent = (super.query as (config: unknown, values?: unknown) => Promise<unknown>).call(this, config, values);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drop();
        reject(new DatabaseTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
      sent.then(
        (rows) => {
          clearTimeout(timer);
          resolve(rows);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error as Error);
        },
      );
    });
  }

  /** Ends the connection at once (no goodbye to a server that does not answer); pg then fails what is left on it. */
  private drop(): void {
    this.dropped = true;
    (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}

/**
 * The process's pg pool: at most `max` connections, a bounded wait for one, and clients that run
 * one query at a time with a bounded wait for each answer.
 */
export function createDatabasePool(options: DatabasePoolOptions): pg.Pool {
  const { timeoutMs } = options;
  const Client = class extends BoundedClient {
    constructor(config: pg.ClientConfig) {
      super(config, timeoutMs);
    }
  };
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    Client: Client as unknown as typeof pg.Client,
  });
  forgetDeadClients(pool);
  return pool;
}

interface PoolInternals {
  _clients: pg.PoolClient[];
  _remove(client: pg.PoolClient, callback?: () => void): void;
  _pulseQueue(): void;
}

/**
 * pg-pool frees a connection's slot only when its holder releases it. Prisma 6.19 releases a
 * transaction's connection only after COMMIT or ROLLBACK succeeded, so a connection that died inside
 * a transaction (database restarted, query timed out) would hold its slot for good, and a few of
 * those leave the pool with nothing to hand out ("503 forever") and `pool.end()` waiting forever.
 * A connection that has ended is therefore removed from the pool at once; a later release of it is
 * a no-op for pg-pool (it removes clients that are not queryable).
 */
function forgetDeadClients(pool: pg.Pool): void {
  const internals = pool as unknown as PoolInternals;
  pool.on('connect', (client) => {
    client.once('end', () => {
      if (internals._clients.includes(client)) internals._remove(client, () => internals._pulseQueue());
    });
  });
}
