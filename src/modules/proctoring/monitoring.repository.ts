import { Injectable } from '@nestjs/common';
import type { Prisma, ProctoringLog } from '../../generated/prisma/client.js';
import type { SessionStatus, ViolationSeverity, ViolationType } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

export interface EventWrite {
  type: ViolationType;
  severity: ViolationSeverity;
  durationMs?: number;
  detail?: string;
  snapshot?: { storageKey: string; contentType: string; size: number };
}

export type RecordOutcome =
  { kind: 'recorded'; log: ProctoringLog; violationCount: number; warningCount: number } | { kind: 'missing' } | { kind: 'ended' } | { kind: 'expired' };

export type LogWithSession = Prisma.ProctoringLogGetPayload<{ include: { snapshot: true; session: { select: { userId: true } } } }>;

@Injectable()
export class MonitoringRepository {
  constructor(private readonly db: TransactionHost) {}

  /**
   * Writes the log (and its snapshot) and bumps the session's counters while holding the session
   * row, so the counts the auto-submit rule reads are exact even when events arrive in parallel.
   */
  record(sessionId: string, userId: string, event: EventWrite, now: Date): Promise<RecordOutcome> {
    return this.db.transaction(async (tx) => {
      const [session] = await tx.$queryRaw<{ status: SessionStatus; deadline: Date }[]>`
        SELECT status, deadline FROM proctoring_sessions WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`;
      if (!session) return { kind: 'missing' };
      if (session.status !== 'ACTIVE') return { kind: 'ended' };
      if (session.deadline <= now) return { kind: 'expired' };
      const log = await tx.proctoringLog.create({
        data: {
          sessionId,
          userId,
          type: event.type,
          severity: event.severity,
          durationMs: event.durationMs,
          detail: event.detail,
          ...(event.snapshot ? { snapshot: { create: event.snapshot } } : {}),
        },
      });
      const counted = event.severity !== 'WARNING';
      const updated = await tx.proctoringSession.update({
        where: { id: sessionId },
        data: counted ? { violationCount: { increment: 1 } } : { warningCount: { increment: 1 } },
        select: { violationCount: true, warningCount: true },
      });
      return { kind: 'recorded', log, ...updated };
    });
  }

  /**
   * Stores the heartbeat time and returns the previous one (and whether the sweep already logged the
   * silence since); null when the session is not the user's active one.
   */
  heartbeat(sessionId: string, userId: string, now: Date): Promise<{ previous: Date | null; silenceReported: boolean; deadline: Date } | null> {
    return this.db.transaction(async (tx) => {
      const [session] = await tx.$queryRaw<{ last_heartbeat_at: Date | null; silence_reported_at: Date | null; deadline: Date }[]>`
        SELECT last_heartbeat_at, silence_reported_at, deadline FROM proctoring_sessions
        WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid AND status = 'ACTIVE' FOR UPDATE`;
      if (!session) return null;
      await tx.proctoringSession.update({ where: { id: sessionId }, data: { lastHeartbeatAt: now, silenceReportedAt: null } });
      return { previous: session.last_heartbeat_at, silenceReported: Boolean(session.silence_reported_at), deadline: session.deadline };
    });
  }

  /**
   * Active sessions silent since before `cutoff` whose silence is not logged yet. Each is claimed
   * with a conditional update, so with several instances sweeping only one logs it.
   */
  async claimSilentSessions(cutoff: Date, now: Date, take: number): Promise<{ id: string; userId: string; lastHeartbeatAt: Date }[]> {
    const candidates = await this.db.client.proctoringSession.findMany({
      where: { status: 'ACTIVE', lastHeartbeatAt: { lt: cutoff }, silenceReportedAt: null },
      select: { id: true, userId: true, lastHeartbeatAt: true },
      take,
    });
    const claimed: { id: string; userId: string; lastHeartbeatAt: Date }[] = [];
    for (const session of candidates) {
      const { count } = await this.db.client.proctoringSession.updateMany({
        where: { id: session.id, status: 'ACTIVE', lastHeartbeatAt: session.lastHeartbeatAt, silenceReportedAt: null },
        data: { silenceReportedAt: now },
      });
      if (count === 1 && session.lastHeartbeatAt) claimed.push({ id: session.id, userId: session.userId, lastHeartbeatAt: session.lastHeartbeatAt });
    }
    return claimed;
  }

  listForSession(sessionId: string) {
    return this.db.client.proctoringLog.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' }, include: { snapshot: true } });
  }

  findWithSession(id: string): Promise<LogWithSession | null> {
    return this.db.client.proctoringLog.findUnique({ where: { id }, include: { snapshot: true, session: { select: { userId: true } } } });
  }

  /** NONE → PENDING, once per log, only for the candidate's own counted events. */
  async appeal(id: string, userId: string, reason: string): Promise<boolean> {
    const { count } = await this.db.client.proctoringLog.updateMany({
      where: { id, userId, appealStatus: 'NONE', severity: { not: 'WARNING' } },
      data: { appealStatus: 'PENDING', appealReason: reason },
    });
    return count === 1;
  }

  /** PENDING → UPHELD | OVERTURNED; an overturned violation no longer counts for its session. */
  decideAppeal(id: string, decision: 'UPHELD' | 'OVERTURNED', reviewerId: string, note?: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.proctoringLog.updateMany({
        where: { id, appealStatus: 'PENDING' },
        data: { appealStatus: decision, appealDecisionNote: note, appealDecidedById: reviewerId, appealDecidedAt: new Date() },
      });
      if (count === 0) return false;
      if (decision === 'OVERTURNED') {
        const log = await tx.proctoringLog.findUniqueOrThrow({ where: { id }, select: { sessionId: true } });
        await tx.proctoringSession.updateMany({ where: { id: log.sessionId, violationCount: { gt: 0 } }, data: { violationCount: { decrement: 1 } } });
      }
      return true;
    });
  }
}
