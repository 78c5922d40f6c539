import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { AppError } from '../../../common/http/app-error.js';
import { PrismaService } from '../prisma.service.js';
import { transactionContext } from '../transaction-context.js';
import type { SqlStatement } from './statement.js';

/** Runs typed statements on one connection: the pool, or the connection of the open transaction. */
export interface SqlExecutor {
  query<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R[]>;
  one<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R>;
  maybeOne<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R | undefined>;
}

/**
 * Typed SQL on the pg pool for the request paths users hit most, where the ORM costs more than the
 * query itself. Statements are named, so each pooled connection parses and plans them once. Only
 * repositories use it, like Prisma.
 *
 * It shares the pool with the ORM, and inside a transaction opened by TransactionHost it runs on that
 * transaction's connection, so a hot path's statements commit or roll back with the ORM's writes.
 */
@Injectable()
export class SqlService implements SqlExecutor {
  private readonly executor: SqlExecutor;

  constructor(prisma: PrismaService) {
    this.executor = executorOn(prisma.pool);
  }

  query<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R[]> {
    return this.current().query(statement, params);
  }

  one<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R> {
    return this.current().one(statement, params);
  }

  maybeOne<P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R | undefined> {
    return this.current().maybeOne(statement, params);
  }

  /** The open transaction's connection, or the pool. */
  private current(): SqlExecutor {
    const connection = transactionContext.getStore()?.connection;
    return connection ? executorOn(connection) : this.executor;
  }
}

function executorOn(target: pg.Pool | pg.PoolClient): SqlExecutor {
  const query = async <P extends readonly unknown[], R>(statement: SqlStatement<P, R>, params: P): Promise<R[]> => {
    try {
      const result = await target.query<R & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: [...params] });
      return result.rows;
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    query,
    async one(statement, params) {
      const rows = await query(statement, params);
      if (!rows[0]) throw new Error(`Statement ${statement.name} returned no row`);
      return rows[0];
    },
    async maybeOne(statement, params) {
      return (await query(statement, params))[0];
    },
  };
}

/** Constraint violations become the same answers the ORM's errors get; anything else is rethrown. */
function translate(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === '23505') return new AppError(409, 'ALREADY_EXISTS', 'This record already exists');
  if (code === '23503') return new AppError(400, 'INVALID_REFERENCE', 'A referenced record does not exist');
  if (code === '40001' || code === '40P01') return new AppError(409, 'CONCURRENT_UPDATE', 'Another request changed this record at the same time; try again');
  return error;
}
