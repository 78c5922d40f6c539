import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { SessionEndReason, SessionReviewStatus, SessionStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { ASSESSMENT_WITH_QUESTIONS } from './assessments.repository.js';

export const SESSION_FULL = {
  candidateAssessment: { include: { assessment: { include: ASSESSMENT_WITH_QUESTIONS }, answers: true } },
} as const satisfies Prisma.ProctoringSessionInclude;

export type SessionFull = Prisma.ProctoringSessionGetPayload<{ include: typeof SESSION_FULL }>;

/** What the start rules look at, read while the candidate's row is locked. */
export interface StartFacts {
  hasActiveSession: boolean;
  previousAttempts: { attempt: number; status: string; result: string | null; completedAt: Date | null }[];
  extraTimeMinutes: number;
}

/** The session row as the write paths lock it. */
export interface LockedSession {
  id: string;
  status: SessionStatus;
  end_reason: SessionEndReason | null;
  deadline: Date;
  user_id: string;
  candidate_assessment_id: string;
  violation_count: number;
  last_heartbeat_at: Date | null;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: TransactionHost) {}

  /**
   * Creates the CandidateAssessment and its ProctoringSession. Runs in the caller's transaction
   * after it locked the candidate's user row, so two parallel starts run one after the other and
   * the second sees the first's session; `decide` applies the start rules to the facts (throwing rolls everything back) and returns the
   * deadline.
   */
  start(userId: string, assessmentId: string, decide: (facts: StartFacts) => Date): Promise<SessionFull> {
    return this.db.transaction(async (tx) => {
      const [active, previousAttempts, candidate] = await Promise.all([
        tx.proctoringSession.count({ where: { userId, status: 'ACTIVE' } }),
        tx.candidateAssessment.findMany({
          where: { userId, assessmentId },
          orderBy: { attempt: 'desc' },
          select: { attempt: true, status: true, result: true, completedAt: true },
        }),
        tx.candidate.findUnique({ where: { userId }, select: { extraTimeMinutes: true } }),
      ]);
      const deadline = decide({ hasActiveSession: active > 0, previousAttempts, extraTimeMinutes: candidate?.extraTimeMinutes ?? 0 });
      const attempt = (previousAttempts[0]?.attempt ?? 0) + 1;
      const created = await tx.candidateAssessment.create({ data: { userId, assessmentId, attempt } });
      return tx.proctoringSession.create({
        data: { candidateAssessmentId: created.id, userId, deadline, lastHeartbeatAt: new Date() },
        include: SESSION_FULL,
      });
    });
  }

  findForUser(id: string, userId: string): Promise<SessionFull | null> {
    return this.db.client.proctoringSession.findFirst({ where: { id, userId }, include: SESSION_FULL });
  }

  findById(id: string): Promise<SessionFull | null> {
    return this.db.client.proctoringSession.findUnique({ where: { id }, include: SESSION_FULL });
  }

  async list(filter: { status?: SessionStatus; reviewStatus?: SessionReviewStatus }, skip: number, take: number) {
    const where: Prisma.ProctoringSessionWhereInput = { status: filter.status, reviewStatus: filter.reviewStatus };
    return Promise.all([
      this.db.client.proctoringSession.findMany({
        where,
        orderBy: { startedAt: 'desc' },
        skip,
        take,
        include: { candidateAssessment: { select: { assessmentId: true } } },
      }),
      this.db.client.proctoringSession.count({ where }),
    ]);
  }

  /**
   * Runs `work` while holding a lock on the session row: FOR SHARE for answers (they may run in
   * parallel, but never alongside a submit), FOR UPDATE for state changes.
   */
  withLockedSession<T>(
    sessionId: string,
    mode: 'share' | 'update',
    work: (session: LockedSession | undefined, tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const rows =
        mode === 'share'
          ? await tx.$queryRaw<LockedSession[]>`SELECT id, status, end_reason, deadline, user_id, candidate_assessment_id, violation_count, last_heartbeat_at
              FROM proctoring_sessions WHERE id = ${sessionId}::uuid FOR SHARE`
          : await tx.$queryRaw<LockedSession[]>`SELECT id, status, end_reason, deadline, user_id, candidate_assessment_id, violation_count, last_heartbeat_at
              FROM proctoring_sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
      return work(rows[0], tx);
    });
  }

  /**
   * ACTIVE → ENDED, once: the conditional update lets exactly one of several racing submitters
   * (the candidate, a violation, the sweep on any instance) win. A session with counted violations
   * or an automatic submission waits for a proctoring review.
   */
  end(sessionId: string, reason: SessionEndReason): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Locked first, so the violation count that decides the review is the final one.
      const [session] = await tx.$queryRaw<Pick<LockedSession, 'status' | 'violation_count' | 'candidate_assessment_id'>[]>`
        SELECT status, violation_count, candidate_assessment_id FROM proctoring_sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
      if (!session || session.status !== 'ACTIVE') return false;
      const flagged = reason === 'AUTO_SUBMITTED' || session.violation_count > 0;
      const now = new Date();
      const { count } = await tx.proctoringSession.updateMany({
        where: { id: sessionId, status: 'ACTIVE' },
        data: { status: 'ENDED', endReason: reason, endedAt: now, reviewStatus: flagged ? 'PENDING' : 'NOT_REQUIRED' },
      });
      if (count === 0) return false;
      await tx.candidateAssessment.updateMany({
        where: { id: session.candidate_assessment_id, status: 'IN_PROGRESS' },
        data: { status: 'SUBMITTED', submittedAt: now },
      });
      return true;
    });
  }

  findExpiredActiveIds(now: Date, take: number): Promise<string[]> {
    return this.db.client.proctoringSession
      .findMany({ where: { status: 'ACTIVE', deadline: { lte: now } }, select: { id: true }, take, orderBy: { deadline: 'asc' } })
      .then((rows) => rows.map((row) => row.id));
  }

  /**
   * Records a proctoring review. A first review decides a PENDING session; a session marked
   * SECOND_REVIEW_REQUIRED can only be decided by someone other than the first reviewer.
   */
  async review(sessionId: string, outcome: SessionReviewStatus, reviewerId: string, note?: string): Promise<boolean> {
    const { count } = await this.db.client.proctoringSession.updateMany({
      where: {
        id: sessionId,
        status: 'ENDED',
        OR: [{ reviewStatus: 'PENDING' }, { reviewStatus: 'SECOND_REVIEW_REQUIRED', reviewedById: { not: reviewerId } }],
      },
      data: { reviewStatus: outcome, reviewedById: reviewerId, reviewNote: note, reviewedAt: new Date() },
    });
    return count === 1;
  }

  setExtraTime(userId: string, extraTimeMinutes: number) {
    return this.db.client.candidate.upsert({ where: { userId }, update: { extraTimeMinutes }, create: { userId, extraTimeMinutes } });
  }

  findCandidate(userId: string) {
    return this.db.client.candidate.findUnique({ where: { userId } });
  }
}
