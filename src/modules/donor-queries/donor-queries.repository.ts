import { Injectable } from '@nestjs/common';
import type { DonorMessage, DonorQuery, Prisma } from '../../generated/prisma/client.js';
import type { DonorMessageSender, DonorQueryStatus, QueryReminderKind } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';
import { OPEN_STATUSES } from './query-state.js';

type Tx = Prisma.TransactionClient;

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
  messageType?: DonorMessage['messageType'];
}

export interface ChangedQuery {
  query: DonorQuery;
  message: DonorMessage;
}

/** How a message changes the donor's wait: a donor message starts one, a staff answer ends it. */
export type WaitChange = 'start' | 'end' | 'none';

@Injectable()
export class DonorQueriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  createWithFirstMessage(data: NewQuery, content: string): Promise<ChangedQuery> {
    return this.prisma.$transaction(async (tx) => {
      const query = await tx.donorQuery.create({ data: { ...data, waitingSince: new Date() } });
      const message = await tx.donorMessage.create({ data: { queryId: query.id, senderKind: 'DONOR', content, messageType: 'QUERY' } });
      return { query, message };
    });
  }

  findById(id: string) {
    return this.prisma.donorQuery.findUnique({ where: { id } });
  }

  findIdByTokenHash(accessTokenHash: string) {
    return this.prisma.donorQuery.findUnique({ where: { accessTokenHash }, select: { id: true } });
  }

  list(where: { status?: DonorQueryStatus; assignedToId?: string }, skip: number, take: number) {
    return Promise.all([
      this.prisma.donorQuery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.prisma.donorQuery.count({ where }),
    ]);
  }

  /** The waiting queue: open queries nobody holds, oldest first. */
  listWaiting(skip: number, take: number) {
    const where = { status: 'IN_PROGRESS' as const, assignedToId: null };
    return Promise.all([
      this.prisma.donorQuery.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip, take }),
      this.prisma.donorQuery.count({ where }),
    ]);
  }

  /**
   * Assigns a waiting query to `adminId` unless the admin already holds `cap` open queries. The
   * admin's rows are serialised with an advisory lock (so two accepts by one admin cannot both pass
   * the cap), and the query is taken with a conditional update (so two admins cannot both take it).
   * `queryId` null takes the oldest waiting query (skipping rows another accept is taking).
   */
  accept(queryId: string | null, adminId: string, cap: number, systemMessage: string): Promise<ChangedQuery | 'CAP' | 'TAKEN'> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`donor-desk:${adminId}`}))`;
      const held = await tx.donorQuery.count({ where: { assignedToId: adminId, status: { in: [...OPEN_STATUSES] } } });
      if (held >= cap) return 'CAP';
      let id = queryId;
      if (id === null) {
        const [next] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM donor_queries WHERE status = 'IN_PROGRESS' AND assigned_to_id IS NULL
          ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!next) return 'TAKEN';
        id = next.id;
      }
      const { count } = await tx.donorQuery.updateMany({
        where: { id, status: 'IN_PROGRESS', assignedToId: null },
        data: { assignedToId: adminId, acceptedAt: new Date() },
      });
      if (count === 0) return 'TAKEN';
      return this.withSystemMessage(tx, id, systemMessage);
    });
  }

  /**
   * A conditional state change: applies `data` only while the query is still in one of `from`
   * (and matches `where`), then records the SYSTEM message, in one transaction. Null when the
   * condition no longer holds (another request changed the query first).
   */
  transition(
    id: string,
    from: readonly DonorQueryStatus[],
    where: Prisma.DonorQueryWhereInput,
    data: Prisma.DonorQueryUpdateManyMutationInput & { assignedToId?: string | null; resolvedById?: string | null; transferredToUserId?: string | null },
    systemMessage: string,
  ): Promise<ChangedQuery | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.donorQuery.updateMany({ where: { ...where, id, status: { in: [...from] } }, data });
      if (count === 0) return null;
      return this.withSystemMessage(tx, id, systemMessage);
    });
  }

  /**
   * Adds a message and moves the wait. With `mayPost`, the query row is locked first and the rule
   * re-checked on it, so a reply cannot land on a query that a racing request just closed or moved.
   */
  addMessage(
    queryId: string,
    message: NewMessage,
    wait: WaitChange,
    mayPost?: (query: Pick<DonorQuery, 'status' | 'assignedToId'>) => boolean,
  ): Promise<{ query: DonorQuery; message: DonorMessage } | null> {
    return this.prisma.$transaction(async (tx) => {
      if (mayPost) {
        const [locked] = await tx.$queryRaw<{ status: DonorQueryStatus; assignedToId: string | null }[]>`
          SELECT status, assigned_to_id AS "assignedToId" FROM donor_queries WHERE id = ${queryId}::uuid FOR UPDATE`;
        if (!locked || !mayPost(locked)) return null;
      }
      const created = await tx.donorMessage.create({ data: { queryId, ...message } });
      if (wait === 'start') {
        // A new wait starts only if none is running; its reminders start afresh.
        await tx.donorQuery.updateMany({ where: { id: queryId, waitingSince: null }, data: { waitingSince: created.createdAt, remindedAt: null, escalatedAt: null } });
      } else if (wait === 'end') {
        await tx.donorQuery.updateMany({ where: { id: queryId }, data: { waitingSince: null } });
      }
      const query = await tx.donorQuery.findUniqueOrThrow({ where: { id: queryId } });
      return { query, message: created };
    });
  }

  /** A page of messages before `before` (or the newest), returned oldest first, plus whether older ones exist. */
  async history(queryId: string, before: string | undefined, limit: number) {
    let cursor: { createdAt: Date; id: string } | null = null;
    if (before) {
      cursor = await this.prisma.donorMessage.findFirst({ where: { id: before, queryId }, select: { createdAt: true, id: true } });
      if (!cursor) return null;
    }
    const rows = await this.prisma.donorMessage.findMany({
      where: {
        queryId,
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    const more = rows.length > limit;
    const page = rows.slice(0, limit).reverse();
    return { items: page, more };
  }

  markRead(queryId: string, fromSenders: DonorMessageSender[]) {
    return this.prisma.donorMessage
      .updateMany({ where: { queryId, senderKind: { in: fromSenders }, readAt: null }, data: { readAt: new Date() } })
      .then((result) => result.count);
  }

  recentDonorMessages(queryId: string, take: number) {
    return this.prisma.donorMessage.findMany({ where: { queryId, senderKind: 'DONOR' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  }

  countMessages(queryId: string) {
    return this.prisma.donorMessage.count({ where: { queryId } });
  }

  countOpenAssigned(adminId: string) {
    return this.prisma.donorQuery.count({ where: { assignedToId: adminId, status: { in: [...OPEN_STATUSES] } } });
  }

  createReminders(queryId: string, kind: QueryReminderKind, senderId: string | null, recipientIds: string[], note?: string) {
    return this.prisma.queryReminder.createMany({ data: recipientIds.map((recipientId) => ({ queryId, kind, senderId, recipientId, note })) });
  }

  /** Open, assigned queries whose current wait began before `cutoff` and has not been reminded. */
  findDueForReminder(cutoff: Date, take: number) {
    return this.prisma.donorQuery.findMany({
      where: { status: { in: [...OPEN_STATUSES] }, assignedToId: { not: null }, waitingSince: { lte: cutoff }, remindedAt: null },
      orderBy: { waitingSince: 'asc' },
      take,
    });
  }

  findDueForEscalation(cutoff: Date, take: number) {
    return this.prisma.donorQuery.findMany({
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
    return this.prisma.$transaction(async (tx) => {
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

  private async withSystemMessage(tx: Tx, queryId: string, content: string): Promise<ChangedQuery> {
    const message = await tx.donorMessage.create({ data: { queryId, senderKind: 'SYSTEM', content, messageType: 'SYSTEM' } });
    const query = await tx.donorQuery.findUniqueOrThrow({ where: { id: queryId } });
    return { query, message };
  }
}
