import type { DonorQuery } from '../../generated/prisma/client.js';

/** The state changes of a donor query that other modules take part in. */
export type QueryMove = 'resolve' | 'transfer' | 'donorClose';

export interface QueryMoveContext {
  readonly queryId: string;
  readonly move: QueryMove;
  /** When the change happens: the time the step's own rows carry. */
  readonly at: Date;
}

/** What a step leaves for after the commit (socket events, outside services, notifications), given the changed query. */
export type AfterMove = (query: DonorQuery) => Promise<void>;

/**
 * Another module's part in a query's state change (the calls module ends the query's call). It runs
 * inside the change's transaction (`TransactionHost.withTransaction`, which the donor-queries service
 * opens), after the query row was updated, so the row stays locked until the commit. It refuses the
 * change by throwing an AppError (the transaction rolls back and the caller gets that error), changes
 * its own rows through its repositories (whose `TransactionHost.client` is the transaction's), and
 * returns what to do once committed.
 */
export type QueryMoveStep = (change: QueryMoveContext) => Promise<AfterMove | undefined>;
