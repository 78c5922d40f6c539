import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404, ownedOrNotFound } from '../../common/auth/ownership.js';
import { AppError, conflict, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { ONBOARDING_STEPS } from '../../common/auth/onboarding.js';
import { AgentsService } from '../agents/index.js';
import { UsersService } from '../users/index.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { BlacklistService } from './blacklist.service.js';
import { CandidateChecksRepository } from './candidate-checks.repository.js';
import { CandidateProfileDto, ListSessionsQueryDto, ResultDto, ReviewSessionDto, SessionDto, SessionSummaryDto } from './dto/session.dto.js';
import { EvaluationService } from './evaluation.service.js';
import { toCandidateSections } from './proctoring.mappers.js';
import { AGENT_ROLE_ONLY } from './proctoring.roles.js';
import { SessionLifecycleService } from './session-lifecycle.service.js';
import { SessionFull, SessionsRepository, StartFacts } from './sessions.repository.js';

/** A system check and an identity verification count for starting during this long. */
export const PRECHECK_VALIDITY_MS = 60 * 60 * 1000;

const toSessionDto = (s: SessionFull): SessionDto => ({
  id: s.id,
  candidateAssessmentId: s.candidateAssessmentId,
  assessmentId: s.candidateAssessment.assessmentId,
  userId: s.userId,
  title: s.candidateAssessment.assessment.title,
  status: s.status,
  endReason: s.endReason,
  startedAt: s.startedAt,
  deadline: s.deadline,
  endedAt: s.endedAt,
  violationCount: s.violationCount,
  warningCount: s.warningCount,
  reviewStatus: s.reviewStatus,
  sections: toCandidateSections(s.candidateAssessment.assessment),
  answers: s.candidateAssessment.answers.map((a) => ({
    questionId: a.questionId,
    status: a.status,
    response: a.response,
    hasAudio: Boolean(a.audioKey),
    updatedAt: a.updatedAt,
  })),
});

@Injectable()
export class ProctoringSessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly checks: CandidateChecksRepository,
    private readonly blacklist: BlacklistService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly evaluation: EvaluationService,
    private readonly users: UsersService,
    private readonly agents: AgentsService,
    private readonly config: AppConfig,
    private readonly db: TransactionHost,
  ) {}

  async start(user: AuthUser, assessmentId: string): Promise<SessionDto> {
    const assessment = foundOr404(await this.assessments.findWithQuestions(assessmentId, true), 'Assessment');
    if (await this.blacklist.isListed(user.id)) throw new AppError(HttpStatus.FORBIDDEN, 'BLACKLISTED', 'You may not take assessments');
    await this.assertOnboardingReached(user.id);
    const since = new Date(Date.now() - PRECHECK_VALIDITY_MS);
    const check = await this.checks.findLatestSystemCheckForUser(user.id, 'SYSTEM', since);
    if (check?.status !== 'PASSED') throw conflict('SYSTEM_CHECK_REQUIRED', 'Pass the system check first (valid for one hour)');
    if (!(await this.checks.findRecentVerified(user.id, since))) {
      throw conflict('IDENTITY_NOT_VERIFIED', 'Verify your identity first (valid for one hour)');
    }

    // The candidate's row is locked first: parallel starts run one after the other.
    const session = await this.db.withTransaction(async () => {
      await this.users.lockUser(user.id);
      return this.sessions.start(user.id, assessment.id, (facts) => {
        this.assertMayStart(facts, assessment);
        const minutes = assessment.timeLimitMinutes + facts.extraTimeMinutes;
        return new Date(Date.now() + minutes * 60_000);
      });
    });
    return toSessionDto(session);
  }

  /** The assessment comes after KYC approval in the onboarding order; earlier steps are done first. */
  private async assertOnboardingReached(userId: string): Promise<void> {
    const nextStep = await this.agents.nextStep(userId);
    if (ONBOARDING_STEPS.indexOf(nextStep) >= ONBOARDING_STEPS.indexOf('ASSESSMENT')) return;
    throw new AppError(HttpStatus.CONFLICT, 'ONBOARDING_ORDER', `The assessment comes after KYC approval: finish ${nextStep} first`, [
      { field: 'nextStep', message: `Finish ${nextStep} first`, nextStep },
    ]);
  }

  /** Retake rules, applied to facts read under the candidate's lock. */
  private assertMayStart(facts: StartFacts, assessment: { maxAttempts: number; retakeCooldownHours: number }): void {
    if (facts.hasActiveSession) throw conflict('SESSION_ALREADY_ACTIVE', 'You already have an assessment in progress');
    const [last] = facts.previousAttempts;
    if (last && last.status !== 'COMPLETED') throw conflict('RESULT_PENDING', 'Your previous attempt is still being scored');
    if (last?.result === 'PASSED') throw conflict('ALREADY_PASSED', 'You have already passed this assessment');
    if (facts.previousAttempts.length >= assessment.maxAttempts) {
      throw conflict('ATTEMPTS_EXHAUSTED', `This assessment can be taken at most ${assessment.maxAttempts} times`);
    }
    if (last?.result === 'FAILED' && last.completedAt) {
      const retakeAt = new Date(last.completedAt.getTime() + assessment.retakeCooldownHours * 3_600_000);
      if (retakeAt > new Date()) {
        throw new AppError(HttpStatus.CONFLICT, 'RETAKE_COOLDOWN', `You can retake this assessment after ${retakeAt.toISOString()}`, [
          { field: 'retakeAt', message: retakeAt.toISOString() },
        ]);
      }
    }
  }

  /** The candidate's own session, or any for staff; others' and missing ones are 404. */
  async get(id: string, user: AuthUser): Promise<SessionDto> {
    return toSessionDto(await this.visible(id, user));
  }

  async list(query: ListSessionsQueryDto): Promise<Page<SessionSummaryDto>> {
    const { skip, take } = pageArgs(query);
    const [items, total] = await this.sessions.list({ status: query.status, reviewStatus: query.reviewStatus }, skip, take);
    return toPage(items, total, query, (s) => ({
      id: s.id,
      userId: s.userId,
      assessmentId: s.candidateAssessment.assessmentId,
      status: s.status,
      endReason: s.endReason,
      startedAt: s.startedAt,
      deadline: s.deadline,
      violationCount: s.violationCount,
      warningCount: s.warningCount,
      reviewStatus: s.reviewStatus,
    }));
  }

  async submit(id: string, user: AuthUser): Promise<ResultDto> {
    const session = foundOr404(await this.sessions.findForUser(id, user.id), 'Session');
    if (session.status !== 'ACTIVE') throw conflict('SESSION_ENDED', 'This assessment has already been submitted');
    // Past the deadline the server has (or will have) submitted it; the candidate's late submit changes nothing.
    const reason = session.deadline <= new Date() ? 'TIME_EXPIRED' : 'SUBMITTED';
    const ended = await this.lifecycle.end(session, reason);
    if (!ended) throw conflict('SESSION_ENDED', 'This assessment has already been submitted');
    return foundOr404(await this.evaluation.result(session.candidateAssessmentId), 'Result');
  }

  async result(id: string, user: AuthUser): Promise<ResultDto> {
    const session = await this.visible(id, user);
    if (session.status === 'ACTIVE' && session.deadline <= new Date()) await this.lifecycle.expire(session.id);
    return foundOr404(await this.evaluation.result(session.candidateAssessmentId), 'Result');
  }

  async review(id: string, dto: ReviewSessionDto, reviewer: AuthUser): Promise<ResultDto> {
    const session = foundOr404(await this.sessions.findById(id), 'Session');
    if (!(await this.sessions.review(id, dto.outcome, reviewer.id, dto.note))) {
      throw conflict(
        'INVALID_STATE',
        session.reviewStatus === 'SECOND_REVIEW_REQUIRED'
          ? 'A second review must be made by a different reviewer'
          : 'Only an ended session awaiting review can be reviewed',
      );
    }
    await this.evaluation.tryFinalize(session.candidateAssessmentId);
    return foundOr404(await this.evaluation.result(session.candidateAssessmentId), 'Result');
  }

  async setExtraTime(userId: string, extraTimeMinutes: number): Promise<CandidateProfileDto> {
    if (!(await this.users.findActiveWithRole(userId, AGENT_ROLE_ONLY))) throw notFound('Candidate');
    return toProfile(await this.sessions.setExtraTime(userId, extraTimeMinutes), userId);
  }

  async profile(userId: string): Promise<CandidateProfileDto> {
    return toProfile(await this.sessions.findCandidate(userId), userId);
  }

  private async visible(id: string, user: AuthUser): Promise<SessionFull> {
    return ownedOrNotFound(await this.sessions.findById(id), (s) => s.userId, user, { what: 'Session' });
  }
}

function toProfile(
  candidate: { overallCefrLevel: CandidateProfileDto['overallCefrLevel']; extraTimeMinutes: number; lastAssessedAt: Date | null } | null,
  userId: string,
): CandidateProfileDto {
  return {
    userId,
    overallCefrLevel: candidate?.overallCefrLevel ?? null,
    extraTimeMinutes: candidate?.extraTimeMinutes ?? 0,
    lastAssessedAt: candidate?.lastAssessedAt ?? null,
  };
}
