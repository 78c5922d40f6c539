import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from './prisma.service.js';
import { transactionContext, type TransactionScope } from './transaction-context.js';

/** The Prisma API repositories use: the whole client outside a transaction, the transaction's inside one. */
export type DatabaseClient = Prisma.TransactionClient;

/**
 * The one way to open a transaction, and the client repositories query with.
 *
 * A service opens the transaction (`withTransaction`) around the writes of several repositories,
 * possibly of several modules; each repository reads `client`, which inside that call is the
 * transaction's client, and its typed SQL (SqlService) runs on the transaction's connection. A
 * repository's own multi-row write (`transaction`) joins the transaction already open, or opens one.
 */
@Injectable()
export class TransactionHost {
  constructor(private readonly prisma: PrismaService) {}

  /** The transaction's client when one is open in this async context, the pool's client otherwise. */
  get client(): DatabaseClient {
    return transactionContext.getStore()?.client ?? this.prisma;
  }

  /** Whether this async context runs inside a transaction. */
  get active(): boolean {
    return transactionContext.getStore()?.client !== undefined;
  }

  /**
   * Runs `work` inside one transaction: the one already open in this async context, or a new one
   * that commits when `work` resolves and rolls back when it throws.
   */
  withTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    const scope: TransactionScope = {};
    return transactionContext.run(scope, () =>
      this.prisma.$transaction((tx) => {
        scope.client = tx;
        return work();
      }),
    );
  }

  /** `withTransaction` for a repository's own multi-row write: `work` gets the transaction's client. */
  transaction<T>(work: (tx: DatabaseClient) => Promise<T>): Promise<T> {
    return this.withTransaction(() => work(this.client));
  }
}
