import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Prisma } from '../../generated/prisma/client.js';

/**
 * One open transaction, shared by everything that runs inside it: the ORM's transaction client and
 * the pg connection that transaction holds, so typed SQL joins the same transaction.
 */
export interface TransactionScope {
  /** Set once the ORM has begun the transaction. */
  client?: Prisma.TransactionClient;
  /** The pooled connection the ORM took for this transaction (captured by the pool, see PrismaService). */
  connection?: pg.PoolClient;
}

/** The transaction of the current async context, if one is open. */
export const transactionContext = new AsyncLocalStorage<TransactionScope>();

/**
 * Makes `pool` hand the connection it gives to a transaction begun inside a {@link TransactionScope}
 * to that scope as well. The ORM's pg adapter takes a transaction's connection with the promise
 * form of `pool.connect()` (plain queries use `pool.query`, which calls the callback form), so the
 * first promise-form connect inside a scope without a connection is the transaction's.
 */
export function shareTransactionConnections(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (
    callback?: (error: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ) => Promise<pg.PoolClient> | undefined;
  const shared = (callback?: (error: Error | undefined, client: pg.PoolClient, done: () => void) => void) => {
    const scope = transactionContext.getStore();
    if (callback || !scope || scope.connection) return connect(callback);
    return (connect() as Promise<pg.PoolClient>).then((connection) => {
      scope.connection = connection;
      return connection;
    });
  };
  pool.connect = shared as typeof pool.connect;
}
