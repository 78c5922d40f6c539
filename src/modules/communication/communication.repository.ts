import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { CallRequest, CallSession } from '../../generated/prisma/client.js';
import type { CallMode, CallRequestStatus, CallSessionStatus, DonorMessageType } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

export interface NewSession {
  queryId: string;
  adminId: string;
  callRequestId?: string;
  roomName: string;
  roomUrl: string;
  mode: CallMode;
  adminToken: string;
  userToken: string;
  expiresAt: Date;
}

export interface CallNote {
  content: string;
  messageType: DonorMessageType;
  callMode: CallMode;
}

export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * Call requests and sessions. The call's messages (CALL_STARTED, CALL_ENDED, missed call) belong to
 * the donor query: the service records them through the donor-queries module, in the same
 * transaction as the state change they record.
 */
@Injectable()
export class CommunicationRepository {
  constructor(private readonly db: TransactionHost) {}

  /** Whether the query has a PENDING request that has not run out by `now`. */
  async hasPendingRequest(queryId: string, now: Date): Promise<boolean> {
    return (await this.findPendingRequest(queryId, now)) !== null;
  }

  /** The query's PENDING request that has not run out by `now`, if any. */
  findPendingRequest(queryId: string, now: Date): Promise<CallRequest | null> {
    return this.db.client.callRequest.findFirst({ where: { queryId, status: 'PENDING', expiresAt: { gt: now } } });
  }

  /** Expires the query's PENDING requests that ran out by `now` (the expiry scan may not have reached them yet). */
  async expireRunOutRequests(queryId: string, now: Date): Promise<void> {
    await this.db.client.callRequest.updateMany({ where: { queryId, status: 'PENDING', expiresAt: { lte: now } }, data: { status: 'EXPIRED' } });
  }

  /**
   * A new PENDING request. The partial unique index (one PENDING request per query) refuses a second
   * one a racing request created meanwhile: a unique violation (see isUniqueViolation).
   */
  createRequest(queryId: string, mode: CallMode, message: string | undefined, expiresAt: Date): Promise<CallRequest> {
    return this.db.client.callRequest.create({ data: { queryId, mode, message, expiresAt } });
  }

  findRequest(id: string, queryId: string) {
    return this.db.client.callRequest.findFirst({ where: { id, queryId } });
  }

  latestRequest(queryId: string) {
    return this.db.client.callRequest.findFirst({ where: { queryId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  /**
   * Answers a PENDING, unexpired request (accept, reject or cancel) with a conditional update, so a
   * request is answered once. Null when it was no longer pending.
   */
  answerRequest(id: string, status: Exclude<CallRequestStatus, 'PENDING' | 'EXPIRED'>, adminId: string | null): Promise<CallRequest | null> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.callRequest.updateMany({
        where: { id, status: 'PENDING', expiresAt: { gt: now } },
        data: { status, respondedAt: now, ...(adminId ? { adminId } : {}) },
      });
      if (count === 0) return null;
      return tx.callRequest.findUniqueOrThrow({ where: { id } });
    });
  }

  /**
   * Whether the query has a PENDING request, also one past its time that the expiry scan has not
   * reached: the one-pending-request index counts it too.
   */
  async hasAnyPendingRequest(queryId: string): Promise<boolean> {
    return (await this.db.client.callRequest.count({ where: { queryId, status: 'PENDING' } })) > 0;
  }

  /**
   * Undoes an accept whose room could not be opened: moves the request from one of `from` to `status`
   * and clears who answered it and when (conditional update). Null when it was in none of `from`.
   */
  unanswerRequest(id: string, from: readonly CallRequestStatus[], status: CallRequestStatus): Promise<CallRequest | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.callRequest.updateMany({ where: { id, status: { in: [...from] } }, data: { status, respondedAt: null, adminId: null } });
      if (count === 0) return null;
      return tx.callRequest.findUniqueOrThrow({ where: { id } });
    });
  }

  /**
   * Creates the session (CREATED). The partial unique index (one non-ENDED session per query) refuses
   * a second one a racing creation made meanwhile: a unique violation (see isUniqueViolation).
   */
  createSession(data: NewSession): Promise<CallSession> {
    return this.db.client.callSession.create({ data });
  }

  findSessionByRoom(roomName: string) {
    return this.db.client.callSession.findUnique({ where: { roomName } });
  }

  findActiveSession(queryId: string) {
    return this.db.client.callSession.findFirst({ where: { queryId, status: { not: 'ENDED' } } });
  }

  /** Whether the query has a call that has not ended. */
  async hasActiveSession(queryId: string): Promise<boolean> {
    return (await this.db.client.callSession.count({ where: { queryId, status: { not: 'ENDED' } } })) > 0;
  }

  /** Moves a session from one of `from` (conditional update); null when another request moved it first. */
  moveSession(
    id: string,
    from: readonly CallSessionStatus[],
    data: { status: CallSessionStatus; startedAt?: Date; endedAt?: Date; durationSeconds?: number },
  ): Promise<CallSession | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.callSession.updateMany({ where: { id, status: { in: [...from] } }, data });
      if (count === 0) return null;
      return tx.callSession.findUniqueOrThrow({ where: { id } });
    });
  }

  /** Inside the caller's transaction: the query's calls that have not ended, locked until it ends (so none moves meanwhile). */
  async lockActiveSessions(queryId: string): Promise<CallSession[]> {
    const client = this.db.client;
    const locked = await client.$queryRaw<{ id: string }[]>`
      SELECT id FROM call_sessions WHERE query_id = ${queryId}::uuid AND status <> 'ENDED' ORDER BY id FOR UPDATE`;
    if (!locked.length) return [];
    return client.callSession.findMany({ where: { id: { in: locked.map((row) => row.id) } }, orderBy: { id: 'asc' } });
  }

  /**
   * Cancels every PENDING request of the query (also one past its time that the expiry scan has not
   * reached), locked in id order, in the caller's transaction (or one of its own outside one).
   */
  cancelPendingRequests(queryId: string, at: Date): Promise<CallRequest[]> {
    return this.db.transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM call_requests WHERE query_id = ${queryId}::uuid AND status = 'PENDING' ORDER BY id FOR UPDATE`;
      const cancelled: CallRequest[] = [];
      for (const { id } of locked) cancelled.push(await tx.callRequest.update({ where: { id }, data: { status: 'CANCELLED', respondedAt: at } }));
      return cancelled;
    });
  }

  findExpiredRequests(now: Date, take: number) {
    return this.db.client.callRequest.findMany({ where: { status: 'PENDING', expiresAt: { lte: now } }, orderBy: { expiresAt: 'asc' }, take });
  }

  /** Expires one request past its time (conditional, so one scanner wins); null when another got there first. */
  expireRequest(id: string): Promise<CallRequest | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.callRequest.updateMany({ where: { id, status: 'PENDING', expiresAt: { lte: new Date() } }, data: { status: 'EXPIRED' } });
      if (count === 0) return null;
      return tx.callRequest.findUniqueOrThrow({ where: { id } });
    });
  }
}
