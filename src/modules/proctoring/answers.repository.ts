import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { AnswerScoredBy, AnswerStatus, AssessmentResult, CefrLevel } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { ASSESSMENT_WITH_QUESTIONS } from './assessments.repository.js';

export const ATTEMPT_FOR_EVALUATION = {
  assessment: { include: ASSESSMENT_WITH_QUESTIONS },
  answers: true,
  session: true,
} as const satisfies Prisma.CandidateAssessmentInclude;

export type AttemptForEvaluation = Prisma.CandidateAssessmentGetPayload<{ include: typeof ATTEMPT_FOR_EVALUATION }>;

export const ANSWER_WITH_CONTEXT = {
  question: true,
  candidateAssessment: { select: { id: true, status: true, userId: true, assessment: { select: { language: true } }, session: { select: { id: true } } } },
  speakingEvaluation: true,
} as const satisfies Prisma.AnswerInclude;

export type AnswerWithContext = Prisma.AnswerGetPayload<{ include: typeof ANSWER_WITH_CONTEXT }>;

export interface AnswerWrite {
  response: string | null;
  audioKey: string | null;
  audioContentType: string | null;
  status: AnswerStatus;
  score: number | null;
  scoredBy: AnswerScoredBy | null;
}

export interface Completion {
  score: number;
  cefrLevel: CefrLevel;
  result: AssessmentResult;
  sectionScores: Prisma.InputJsonValue;
  /** False when the level should not replace the candidate's overall level (an invalidated test). */
  updatesOverallLevel: boolean;
}

@Injectable()
export class AnswersRepository {
  constructor(private readonly db: TransactionHost) {}

  /** Inside the caller's transaction (which holds the session lock): one answer per question, replaced on resubmission. */
  async upsert(tx: Prisma.TransactionClient, ids: { candidateAssessmentId: string; questionId: string; userId: string }, data: AnswerWrite) {
    const answer = await tx.answer.upsert({
      where: { candidateAssessmentId_questionId: { candidateAssessmentId: ids.candidateAssessmentId, questionId: ids.questionId } },
      create: { ...ids, ...data },
      update: { ...data, feedback: Prisma.DbNull, reviewedById: null },
    });
    // A replaced answer starts its scoring over: an earlier speaking evaluation no longer applies.
    await tx.speakingEvaluation.deleteMany({ where: { answerId: answer.id } });
    return answer;
  }

  findWithContext(id: string): Promise<AnswerWithContext | null> {
    return this.db.client.answer.findUnique({ where: { id }, include: ANSWER_WITH_CONTEXT });
  }

  /**
   * Stores a score for an answer still in `expected` status (and, for background scoring, still
   * holding the same audio or text it was started on), so a late provider reply never overwrites a
   * newer answer or a reviewer's score.
   */
  async score(
    id: string,
    guard: { status: AnswerStatus[]; updatedAt?: Date },
    data: { score: number; scoredBy: AnswerScoredBy; feedback?: Prisma.InputJsonValue; reviewedById?: string },
    speaking?: Omit<Prisma.SpeakingEvaluationUncheckedCreateInput, 'answerId'>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.answer.updateMany({
        where: { id, status: { in: guard.status }, ...(guard.updatedAt ? { updatedAt: guard.updatedAt } : {}) },
        data: { status: 'SCORED', ...data },
      });
      if (count === 0) return false;
      if (speaking) {
        await tx.speakingEvaluation.upsert({ where: { answerId: id }, create: { answerId: id, ...speaking }, update: speaking });
      }
      return true;
    });
  }

  /**
   * Background scoring failed: a person scores it instead. The answer keeps its version (`updatedAt`),
   * so a retry of the failed job can tell that it is still the same answer.
   */
  async markManual(id: string, guard: { status: AnswerStatus; updatedAt: Date }, speaking?: Omit<Prisma.SpeakingEvaluationUncheckedCreateInput, 'answerId'>) {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.answer.updateMany({
        where: { id, status: guard.status, updatedAt: guard.updatedAt },
        data: { status: 'PENDING_MANUAL', updatedAt: guard.updatedAt },
      });
      if (count === 1 && speaking) await tx.speakingEvaluation.upsert({ where: { answerId: id }, create: { answerId: id, ...speaking }, update: speaking });
      return count === 1;
    });
  }

  /**
   * PENDING_MANUAL → `pending` for a retry of its failed scoring job: only the same answer (same
   * version), not scored by a person yet, in an attempt not completed. The answer gets a new version
   * (the retried job's); null when it cannot be taken back.
   */
  async takeBackForScoring(id: string, version: Date, pending: 'PENDING_SPEECH' | 'PENDING_AI'): Promise<Date | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.answer.updateMany({
        where: { id, status: 'PENDING_MANUAL', updatedAt: version, candidateAssessment: { status: { in: ['IN_PROGRESS', 'SUBMITTED'] } } },
        data: { status: pending },
      });
      if (count === 0) return null;
      return (await tx.answer.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;
    });
  }

  /** Answers whose background scoring has not finished since `before` (e.g. the instance stopped). */
  async releaseStalled(before: Date): Promise<number> {
    const { count } = await this.db.client.answer.updateMany({
      where: { status: { in: ['PENDING_SPEECH', 'PENDING_AI'] }, updatedAt: { lt: before } },
      data: { status: 'PENDING_MANUAL' },
    });
    return count;
  }

  async listPendingManual(skip: number, take: number) {
    const where: Prisma.AnswerWhereInput = { status: 'PENDING_MANUAL', candidateAssessment: { status: 'SUBMITTED' } };
    return Promise.all([
      this.db.client.answer.findMany({ where, orderBy: { updatedAt: 'asc' }, skip, take, include: ANSWER_WITH_CONTEXT }),
      this.db.client.answer.count({ where }),
    ]);
  }

  findAttemptForEvaluation(candidateAssessmentId: string): Promise<AttemptForEvaluation | null> {
    return this.db.client.candidateAssessment.findUnique({ where: { id: candidateAssessmentId }, include: ATTEMPT_FOR_EVALUATION });
  }

  /**
   * SUBMITTED → COMPLETED, once (a conditional update: of several finishers racing, e.g. the last
   * manual review and a background scorer, exactly one completes it), and the candidate's overall
   * level updated in the same transaction.
   */
  complete(candidateAssessmentId: string, userId: string, completion: Completion): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.candidateAssessment.updateMany({
        where: { id: candidateAssessmentId, status: 'SUBMITTED' },
        data: {
          status: 'COMPLETED',
          completedAt: now,
          score: completion.score,
          cefrLevel: completion.cefrLevel,
          result: completion.result,
          sectionScores: completion.sectionScores,
        },
      });
      if (count === 0) return false;
      const level = completion.updatesOverallLevel ? { overallCefrLevel: completion.cefrLevel } : {};
      await tx.candidate.upsert({ where: { userId }, create: { userId, lastAssessedAt: now, ...level }, update: { lastAssessedAt: now, ...level } });
      return true;
    });
  }
}
