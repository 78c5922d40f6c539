import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { CandidateAssessment, Prisma, ProctoringSession } from '../../generated/prisma/client.js';
import { AnswersRepository, AttemptForEvaluation } from './answers.repository.js';
import { cefrAtLeast } from '../../common/cefr.js';
import { CEFR_BANDS, cefrFromScore } from './domain/cefr.js';
import { SectionScore, weightedScore } from './domain/scoring.js';
import type { ResultDto } from './dto/session.dto.js';

const REVIEW_OPEN = new Set(['PENDING', 'SECOND_REVIEW_REQUIRED']);

export const pendingAnswerCount = (attempt: AttemptForEvaluation) => attempt.answers.filter((a) => a.status !== 'SCORED').length;

/** Scores a submitted attempt once nothing is pending, and announces the result. */
@Injectable()
export class EvaluationService {
  private readonly logger = new Logger(EvaluationService.name);

  constructor(
    private readonly answers: AnswersRepository,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Called after every step that can finish an attempt (submit, auto-submit, expiry, a background
   * score, a manual score, a proctoring review). Completes the attempt when it is submitted, no
   * answer waits for scoring and no proctoring review is open; only the caller whose conditional
   * update wins raises `assessment.completed`.
   */
  async tryFinalize(candidateAssessmentId: string): Promise<boolean> {
    const attempt = await this.answers.findAttemptForEvaluation(candidateAssessmentId);
    if (!attempt || attempt.status !== 'SUBMITTED') return false;
    if (pendingAnswerCount(attempt) > 0) return false;
    if (attempt.session && REVIEW_OPEN.has(attempt.session.reviewStatus)) return false;

    const { total, sections } = this.score(attempt);
    const cefrLevel = cefrFromScore(total);
    // A review that confirms a violation invalidates the attempt: it fails whatever the score.
    const invalidated = attempt.session?.reviewStatus === 'VIOLATION';
    const result = !invalidated && cefrAtLeast(cefrLevel, attempt.assessment.passingLevel) ? 'PASSED' : 'FAILED';
    const completed = await this.answers.complete(attempt.id, attempt.userId, {
      score: total,
      cefrLevel,
      result,
      sectionScores: sections as unknown as Prisma.InputJsonArray,
      updatesOverallLevel: !invalidated,
    });
    if (!completed) return false;
    this.logger.log(`Assessment attempt ${attempt.id} completed: ${result} ${cefrLevel} (${total})`);
    await this.events.emit('assessment.completed', {
      userId: attempt.userId,
      candidateAssessmentId: attempt.id,
      status: result,
      cefrLevel,
      score: total,
    });
    return true;
  }

  score(attempt: AttemptForEvaluation): { total: number; sections: SectionScore[] } {
    const byQuestion = new Map(attempt.answers.map((a) => [a.questionId, a]));
    return weightedScore(
      attempt.assessment.sections.map((section) => ({
        id: section.id,
        title: section.title,
        weight: section.weight,
        questions: section.questions.map((q) => ({ points: q.points, score: byQuestion.get(q.id)?.score ?? null })),
      })),
    );
  }

  async result(candidateAssessmentId: string): Promise<ResultDto | null> {
    const attempt = await this.answers.findAttemptForEvaluation(candidateAssessmentId);
    if (!attempt || !attempt.session) return null;
    return toResult(attempt, attempt.session, pendingAnswerCount(attempt));
  }
}

function toResult(attempt: CandidateAssessment, session: ProctoringSession, pendingAnswers: number): ResultDto {
  const ready = attempt.status === 'COMPLETED';
  return {
    sessionId: session.id,
    candidateAssessmentId: attempt.id,
    status: attempt.status,
    ready,
    result: ready ? attempt.result : null,
    score: ready ? attempt.score : null,
    cefrLevel: ready ? attempt.cefrLevel : null,
    cefrBands: CEFR_BANDS.map((band) => ({ ...band })),
    sections: ready ? ((attempt.sectionScores ?? []) as unknown as SectionScore[]) : [],
    pendingAnswers,
    pendingReview: REVIEW_OPEN.has(session.reviewStatus),
    attempt: attempt.attempt,
    submittedAt: attempt.submittedAt,
    completedAt: attempt.completedAt,
  };
}
