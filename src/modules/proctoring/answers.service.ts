import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, PaginationQueryDto, toPage } from '../../common/pagination/pagination.js';
import type { Answer, Question } from '../../generated/prisma/client.js';
import { SpeechProvider } from '../../infra/speech/speech.provider.js';
import { detectAllowedType } from '../../infra/storage/file-type.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { WritingAssessor } from '../../infra/writing-assessment/writing-assessor.js';
import { AnswerScoringJobs } from './answer-scoring.jobs.js';
import { AnswersRepository, AnswerWrite, AnswerWithContext } from './answers.repository.js';
import { isObjective, scoreObjective } from './domain/scoring.js';
import { AnswerReceiptDto, PendingAnswerDto, ReviewAnswerDto, SubmitAnswerDto } from './dto/session.dto.js';
import { EvaluationService } from './evaluation.service.js';
import { SessionLifecycleService } from './session-lifecycle.service.js';
import { SessionFull, SessionsRepository } from './sessions.repository.js';

/**
 * Spoken answers as the bytes show them. Browsers record WebM/Opus (which file-type reports as
 * video/webm, the container's type), Safari records MP4/AAC.
 */
export const AUDIO_TYPES = ['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm', 'video/webm', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/flac'] as const;

const toReceipt = (a: Answer): AnswerReceiptDto => ({ id: a.id, questionId: a.questionId, status: a.status, updatedAt: a.updatedAt });

@Injectable()
export class AnswersService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly answers: AnswersRepository,
    private readonly lifecycle: SessionLifecycleService,
    private readonly evaluation: EvaluationService,
    private readonly storage: StorageProvider,
    private readonly speech: SpeechProvider,
    private readonly writing: WritingAssessor,
    private readonly scoring: AnswerScoringJobs,
  ) {}

  async submitText(sessionId: string, user: AuthUser, dto: SubmitAnswerDto): Promise<AnswerReceiptDto> {
    const session = foundOr404(await this.sessions.findForUser(sessionId, user.id), 'Session');
    const question = this.questionOf(session, dto.questionId);
    if (question.type === 'SPEAKING') throw badRequest('AUDIO_REQUIRED', 'A speaking question is answered with an audio upload');
    if ((question.type === 'AUDIO_MCQ' || question.type === 'READING_MCQ') && !question.options.includes(dto.response)) {
      throw badRequest('INVALID_OPTION', 'The response must be one of the question options', [{ field: 'response', message: 'not an option' }]);
    }
    const base = { response: dto.response, audioKey: null, audioContentType: null };
    const write: AnswerWrite = isObjective(question.type)
      ? { ...base, status: 'SCORED', score: scoreObjective(question.type, question.correctAnswers, dto.response), scoredBy: 'AUTO' }
      : { ...base, status: this.writing.enabled ? 'PENDING_AI' : 'PENDING_MANUAL', score: null, scoredBy: null };
    const answer = await this.write(session, question, write);
    await this.scoring.enqueue(answer);
    return toReceipt(answer);
  }

  async submitAudio(sessionId: string, user: AuthUser, questionId: string, audio: Buffer | undefined): Promise<AnswerReceiptDto> {
    const session = foundOr404(await this.sessions.findForUser(sessionId, user.id), 'Session');
    const question = this.questionOf(session, questionId);
    if (question.type !== 'SPEAKING') throw badRequest('NOT_A_SPEAKING_QUESTION', 'Only speaking questions take audio');
    if (!audio?.length) throw badRequest('FILE_REQUIRED', 'Attach the recording as the "file" field', [{ field: 'file', message: 'required' }]);
    const type = await detectAllowedType(audio, AUDIO_TYPES);
    const stored = await this.storage.save('proctoring-audio', audio, type.mime, type.ext);
    let answer: Answer;
    try {
      answer = await this.write(session, question, {
        response: null,
        audioKey: stored.key,
        audioContentType: type.mime,
        status: this.speech.enabled ? 'PENDING_SPEECH' : 'PENDING_MANUAL',
        score: null,
        scoredBy: null,
      });
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
    await this.scoring.enqueue(answer);
    return toReceipt(answer);
  }

  async listPending(query: PaginationQueryDto): Promise<Page<PendingAnswerDto>> {
    const { skip, take } = pageArgs(query);
    const [items, total] = await this.answers.listPendingManual(skip, take);
    return toPage(items, total, query, toPending);
  }

  /** A staff score for an answer that waits for a person; the attempt completes after the last one. */
  async review(answerId: string, dto: ReviewAnswerDto, reviewer: AuthUser): Promise<PendingAnswerDto> {
    const answer = foundOr404(await this.answers.findWithContext(answerId), 'Answer');
    if (answer.candidateAssessment.status !== 'SUBMITTED') throw conflict('INVALID_STATE', 'Only answers of a submitted, unfinished attempt can be scored');
    const scored = await this.answers.score(
      answerId,
      { status: ['PENDING_MANUAL'] },
      { score: dto.score / 100, scoredBy: 'STAFF', reviewedById: reviewer.id, feedback: dto.feedback ? { comment: dto.feedback } : undefined },
    );
    if (!scored) throw conflict('INVALID_STATE', 'This answer does not wait for a manual score');
    await this.evaluation.tryFinalize(answer.candidateAssessmentId);
    return toPending(foundOr404(await this.answers.findWithContext(answerId), 'Answer'));
  }

  /** The recording of a spoken answer, for the staff member scoring it. */
  async audio(answerId: string): Promise<{ stream: Readable; contentType: string }> {
    const answer = foundOr404(await this.answers.findWithContext(answerId), 'Answer');
    if (!answer.audioKey) throw notFound('Recording');
    return { stream: await this.storage.read(answer.audioKey), contentType: answer.audioContentType ?? 'application/octet-stream' };
  }

  private questionOf(session: SessionFull, questionId: string): Question {
    const question = session.candidateAssessment.assessment.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
    if (!question) {
      throw badRequest('QUESTION_NOT_IN_ASSESSMENT', 'The question is not part of this assessment', [{ field: 'questionId', message: 'unknown question' }]);
    }
    return question;
  }

  /** The write happens under the session lock: never after a submit, never past the deadline. */
  private async write(session: SessionFull, question: Question, data: AnswerWrite): Promise<Answer> {
    const outcome = await this.sessions.withLockedSession(session.id, 'share', async (locked, tx) => {
      // Whether the sweep or this request noticed the deadline first, the candidate hears the same reason.
      if (locked?.end_reason === 'TIME_EXPIRED' || (locked?.status === 'ACTIVE' && locked.deadline <= new Date())) return 'expired' as const;
      if (!locked || locked.status !== 'ACTIVE') return 'ended' as const;
      return this.answers.upsert(tx, { candidateAssessmentId: session.candidateAssessmentId, questionId: question.id, userId: session.userId }, data);
    });
    if (outcome === 'ended') throw conflict('SESSION_ENDED', 'This assessment has been submitted; answers are closed');
    if (outcome === 'expired') {
      await this.lifecycle.expire(session.id);
      throw conflict('DEADLINE_PASSED', 'The time for this assessment is over');
    }
    return outcome;
  }
}

function toPending(a: AnswerWithContext): PendingAnswerDto {
  return {
    id: a.id,
    sessionId: a.candidateAssessment.session?.id ?? '',
    questionId: a.questionId,
    questionType: a.question.type,
    prompt: a.question.prompt,
    response: a.response,
    transcript: a.speakingEvaluation?.transcript ?? null,
    hasAudio: Boolean(a.audioKey),
    status: a.status,
  };
}
