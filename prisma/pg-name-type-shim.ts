/**
 * Workaround for prisma/orm#27403: Prisma's WASM schema engine, reading the catalog through
 * `@prisma/adapter-pg`, cannot deserialize PostgreSQL's `name` (oid 19), `"char"` (oid 18) and
 * `name[]` (oid 1003) columns, so `migrate` fails on any database. Both hold plain text, so the pool
 * handed to the adapter reports them as `text` (25) and `text[]` (1009). Only the Prisma CLI uses
 * this; the application's own pool is never wrapped. Remove once the upstream issue is fixed.
 */
import pg from 'pg';

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const REMAPPED_OIDS: Readonly<Record<number, number>> = { 18: TEXT_OID, 19: TEXT_OID, 1003: TEXT_ARRAY_OID };

type Queryable = { query: (...args: unknown[]) => unknown };

export function remapNameTypes<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) field.dataTypeID = REMAPPED_OIDS[field.dataTypeID] ?? field.dataTypeID;
  return result;
}

/** Wraps promise-style `query` calls; callback-style calls (pg-pool's internals) pass through untouched. */
function wrapQuery(target: Queryable): void {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    if (typeof args[args.length - 1] === 'function') return original(...args);
    return (original(...args) as Promise<unknown>).then(remapNameTypes);
  };
}

export function withNameTypesAsText(pool: pg.Pool): pg.Pool {
  wrapQuery(pool as unknown as Queryable);
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      if (!(client as unknown as { __nameShim?: boolean }).__nameShim) {
        wrapQuery(client as unknown as Queryable);
        (client as unknown as { __nameShim?: boolean }).__nameShim = true;
      }
      return client;
    });
  };
  return pool;
}
