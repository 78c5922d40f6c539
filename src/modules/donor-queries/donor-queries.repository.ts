import { Injectable } from '@nestjs/common';
import { Prisma, type DonorQuery } from '../../generated/prisma/client.js';
import type { DonorMessageSender, DonorQueryStatus, QueryReminderKind } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { countedPage } from '../../infra/database/sql/counted-page.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import {
  countDonorQueries,
  countWaitingDonorQueries,
  donorMessageByDonorKey,
  donorMessageByStaffKey,
  donorMessageExists,
  donorMessagesBefore,
  findDonorQuery,
  findDonorQueryIdByTokenHash,
  listDonorQueries,
  listWaitingDonorQueries,
} from './donor-queries.sql.js';
import type { DonorMessageFields } from './dto/donor-message.dto.js';
import { OPEN_STATUSES } from './query-state.js';

export interface NewQuery {
  donor: string;
  donorId: string;
  test?: string;
  stage?: string;
  device?: string;
  source: 'PUBLIC' | 'INTEGRATION';
  accessTokenHash: string;
}

export interface NewMessage {
  senderKind: DonorMessageSender;
  senderId?: string | null;
  content: string;
  messageType?: DonorMessageFields['messageType'];
  /** The sender's Idempotency-Key, unique per query and sender. */
  idempotencyKey?: string;
}

/** The columns a state change of a query writes. */
export type QueryUpdate = Prisma.DonorQueryUpdateManyMutationInput & {
  assignedToId?: string | null;
  resolvedById?: string | null;
  transferredToUserId?: string | null;
};

export interface ChangedQuery {
  query: DonorQuery;
  message: DonorMessageFields;
}

/** A posted message; `replayed` when the sender's key had already stored it (nothing was written). */
export type AddedMessage = { replayed: false; query: DonorQuery; message: DonorMessageFields } | { replayed: true; message: DonorMessageFields };

/** Who posted a message under an idempotency key: the query's donor, or one staff member. */
export type KeyedSender = { kind: 'DONOR' } | { kind: 'STAFF'; userId: string };

/** How a message changes the donor's wait: a donor message starts one, a staff answer ends it. */
export type WaitChange = 'start' | 'end' | 'none';

/**
 * Donor queries and their messages. The reads every desk screen and donor request repeats (the token
 * lookup, a query, the lists, the message history, the idempotency lookup) run as typed SQL; state
 * changes stay on the ORM.
 */
@Injectable()
export class DonorQueriesRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  createWithFirstMessage(data: NewQuery, content: string): Promise<ChangedQuery> {
    return this.db.transaction(async (tx) => {
      const query = await tx.donorQuery.create({ data: { ...data, waitingSince: new Date() } });
      const message = await tx.donorMessage.create({ data: { queryId: query.id, senderKind: 'DONOR', content, messageType: 'QUERY' } });
      return { query, message };
    });
  }

  async findById(id: string): Promise<DonorQuery | null> {
    return (await this.sql.maybeOne(findDonorQuery, [id])) ?? null;
  }

  findIdByTokenHash(accessTokenHash: string): Promise<{ id: string } | undefined> {
    return this.sql.maybeOne(findDonorQueryIdByTokenHash, [accessTokenHash]);
  }

  list(where: { status?: DonorQueryStatus; assignedToId?: string }, skip: number, take: number): Promise<{ rows: DonorQuery[]; total: number }> {
    const filter = [where.status ?? null, where.assignedToId ?? null] as const;
    return this.sql
      .query(listDonorQueries, [...filter, take, skip])
      .then((rows) => countedPage(rows, skip, async () => (await this.sql.one(countDonorQueries, [...filter])).count));
  }

  /** The waiting queue: open queries nobody holds, oldest first. */
  listWaiting(skip: number, take: number): Promise<{ rows: DonorQuery[]; total: number }> {
    return this.sql
      .query(listWaitingDonorQueries, [take, skip])
      .then((rows) => countedPage(rows, skip, async () => (await this.sql.one(countWaitingDonorQueries, [])).count));
  }

  /** Serialises `adminId`'s accepts until the caller's transaction ends (a transaction-scoped advisory lock). */
  async lockAdminDesk(adminId: string): Promise<void> {
    await this.db.client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`donor-desk:${adminId}`}))`;
  }

  /** How many open queries `adminId` holds. */
  countOpenHeldBy(adminId: string): Promise<number> {
    return this.db.client.donorQuery.count({ where: { assignedToId: adminId, status: { in: [...OPEN_STATUSES] } } });
  }

  /**
   * The oldest waiting query (open, nobody holds it), locked for the rest of the caller's transaction;
   * rows another transaction has locked (another accept taking them) are skipped. Null when none waits.
   */
  async lockOldestWaiting(): Promise<string | null> {
    const [next] = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM donor_queries WHERE status = 'IN_PROGRESS' AND assigned_to_id IS NULL
      ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    return next?.id ?? null;
  }

  /** Assigns query `id` to `adminId` while it still waits (a conditional update); false when someone took it first. */
  async assignWaiting(id: string, adminId: string): Promise<boolean> {
    const { count } = await this.db.client.donorQuery.updateMany({
      where: { id, status: 'IN_PROGRESS', assignedToId: null },
      data: { assignedToId: adminId, acceptedAt: new Date() },
    });
    return count > 0;
  }

  /** Records a SYSTEM message on the query (inside the caller's transaction when one is open) and reads the query back. */
  async addSystemMessage(queryId: string, content: string): Promise<ChangedQuery> {
    const client = this.db.client;
    const message = await client.donorMessage.create({ data: { queryId, senderKind: 'SYSTEM', content, messageType: 'SYSTEM' } });
    const query = await client.donorQuery.findUniqueOrThrow({ where: { id: queryId } });
    return { query, message };
  }

  /**
   * A conditional state change: applies `data` only while the query is still in one of `from` (and
   * matches `where`); the row stays locked until the caller's transaction ends. False when the
   * condition no longer holds (another request changed the query first).
   */
  async transition(id: string, from: readonly DonorQueryStatus[], where: Prisma.DonorQueryWhereInput, data: QueryUpdate): Promise<boolean> {
    const { count } = await this.db.client.donorQuery.updateMany({ where: { ...where, id, status: { in: [...from] } }, data });
    return count > 0;
  }

  /**
   * Inside the caller's transaction: the query's status and assignee, share-locked until that
   * transaction ends, so no state change (resolve, transfer, close) can pass it meanwhile.
   */
  async lockForShare(id: string): Promise<Pick<DonorQuery, 'status' | 'assignedToId'> | null> {
    const [row] = await this.db.client.$queryRaw<Pick<DonorQuery, 'status' | 'assignedToId'>[]>`
      SELECT status, assigned_to_id AS "assignedToId" FROM donor_queries WHERE id = ${id}::uuid FOR SHARE`;
    return row ?? null;
  }

  /**
   * Adds a message and moves the wait. With `mayPost`, the query row is locked first and the rule
   * re-checked on it, so a reply cannot land on a query that a racing request just closed or moved.
   * A keyed message whose key the sender already used (a concurrent twin) writes nothing and returns
   * the stored message.
   */
  async addMessage(
    queryId: string,
    message: NewMessage,
    wait: WaitChange,
    mayPost?: (query: Pick<DonorQuery, 'status' | 'assignedToId'>) => boolean,
  ): Promise<AddedMessage | null> {
    try {
      return await this.db.transaction(async (tx) => {
        if (mayPost) {
          const [locked] = await tx.$queryRaw<{ status: DonorQueryStatus; assignedToId: string | null }[]>`
            SELECT status, assigned_to_id AS "assignedToId" FROM donor_queries WHERE id = ${queryId}::uuid FOR UPDATE`;
          if (!locked || !mayPost(locked)) return null;
        }
        const created = await tx.donorMessage.create({ data: { queryId, ...message } });
        if (wait === 'start') {
          // A new wait starts only if none is running; its reminders start afresh.
          await tx.donorQuery.updateMany({
            where: { id: queryId, waitingSince: null },
            data: { waitingSince: created.createdAt, remindedAt: null, escalatedAt: null },
          });
        } else if (wait === 'end') {
          await tx.donorQuery.updateMany({ where: { id: queryId }, data: { waitingSince: null } });
        }
        const query = await tx.donorQuery.findUniqueOrThrow({ where: { id: queryId } });
        return { replayed: false as const, query, message: created };
      });
    } catch (error) {
      const key = message.idempotencyKey;
      if (!key || !(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      const sender: KeyedSender = message.senderKind === 'DONOR' ? { kind: 'DONOR' } : { kind: 'STAFF', userId: message.senderId ?? '' };
      const stored = await this.findMessageByKey(queryId, sender, key);
      if (!stored) throw error;
      return { replayed: true, message: stored };
    }
  }

  /** The message `sender` posted on the query with this idempotency key, if any. */
  findMessageByKey(queryId: string, sender: KeyedSender, key: string): Promise<DonorMessageFields | undefined> {
    return sender.kind === 'DONOR'
      ? this.sql.maybeOne(donorMessageByDonorKey, [queryId, key])
      : this.sql.maybeOne(donorMessageByStaffKey, [queryId, sender.userId, key]);
  }

  /** A page of messages before `before` (or the newest), returned oldest first, plus whether older ones exist; null for a cursor from elsewhere. */
  async history(queryId: string, before: string | undefined, limit: number): Promise<{ items: DonorMessageFields[]; more: boolean } | null> {
    const rows = await this.sql.query(donorMessagesBefore, [queryId, before ?? null, limit + 1]);
    if (rows.length === 0 && before && !(await this.sql.one(donorMessageExists, [before, queryId])).exists) return null;
    const more = rows.length > limit;
    return { items: rows.slice(0, limit).reverse(), more };
  }

  markRead(queryId: string, fromSenders: DonorMessageSender[]) {
    return this.db.client.donorMessage
      .updateMany({ where: { queryId, senderKind: { in: fromSenders }, readAt: null }, data: { readAt: new Date() } })
      .then((result) => result.count);
  }

  recentDonorMessages(queryId: string, take: number) {
    return this.db.client.donorMessage.findMany({ where: { queryId, senderKind: 'DONOR' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  }

  countMessages(queryId: string) {
    return this.db.client.donorMessage.count({ where: { queryId } });
  }

  createReminders(queryId: string, kind: QueryReminderKind, senderId: string | null, recipientIds: string[], note?: string) {
    return this.db.client.queryReminder.createMany({ data: recipientIds.map((recipientId) => ({ queryId, kind, senderId, recipientId, note })) });
  }

  /** Open, assigned queries whose current wait began before `cutoff` and has not been reminded. */
  findDueForReminder(cutoff: Date, take: number) {
    return this.db.client.donorQuery.findMany({
      where: { status: { in: [...OPEN_STATUSES] }, assignedToId: { not: null }, waitingSince: { lte: cutoff }, remindedAt: null },
      orderBy: { waitingSince: 'asc' },
      take,
    });
  }

  findDueForEscalation(cutoff: Date, take: number) {
    return this.db.client.donorQuery.findMany({
      where: { status: { in: [...OPEN_STATUSES] }, waitingSince: { lte: cutoff }, escalatedAt: null },
      orderBy: { waitingSince: 'asc' },
      take,
    });
  }

  /**
   * Claims the automatic reminder (or escalation) of one wait and records it, in one transaction.
   * The conditional update on the same `waitingSince` makes a second scanner (another instance, or
   * a wait that ended meanwhile) claim nothing, so a wait is reminded at most once.
   */
  claimWaitReminder(query: DonorQuery, kind: 'AUTO' | 'ESCALATION', recipientIds: string[]): Promise<boolean> {
    const field = kind === 'AUTO' ? 'remindedAt' : 'escalatedAt';
    return this.db.transaction(async (tx) => {
      const { count } = await tx.donorQuery.updateMany({
        where: { id: query.id, waitingSince: query.waitingSince, [field]: null, status: { in: [...OPEN_STATUSES] } },
        data: { [field]: new Date() },
      });
      if (count === 0) return false;
      if (recipientIds.length) {
        await tx.queryReminder.createMany({ data: recipientIds.map((recipientId) => ({ queryId: query.id, kind, recipientId })) });
      }
      return true;
    });
  }

  /** A SYSTEM message on query `queryId` (a call's record), inside the caller's transaction when one is open. */
  createSystemMessage(data: Omit<Prisma.DonorMessageUncheckedCreateInput, 'senderKind'>) {
    return this.db.client.donorMessage.create({ data: { ...data, senderKind: 'SYSTEM' } });
  }
}
