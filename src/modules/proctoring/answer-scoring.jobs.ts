import { buffer } from 'node:stream/consumers';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Answer } from '../../generated/prisma/client.js';
import type { AnswerStatus } from '../../generated/prisma/enums.js';
import { defineQueue, JobContext, JobQueue, QueueDefinition } from '../../infra/queue/job-queue.js';
import { SpeechProvider } from '../../infra/speech/speech.provider.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { WritingAssessor } from '../../infra/writing-assessment/writing-assessor.js';
import { JobRetryRegistry, retryRefused } from '../jobs/index.js';
import { AnswersRepository, AnswerWithContext } from './answers.repository.js';
import { EvaluationService } from './evaluation.service.js';

/** Ids only: the recording or text is read when the job runs, so no answer content sits in a queue. */
export interface AnswerScoringJob {
  answerId: string;
  /** The answer's `updatedAt` when it was queued: a replaced answer is not scored with this job. */
  version: string;
}

/** Spoken answers: transcribed and scored by the speech provider (AssemblyAI). */
export const SPEECH_SCORING_QUEUE = defineQueue<AnswerScoringJob>('speech-scoring', { attempts: 4, concurrency: 2 });
/** Written answers: scored by the writing assessor (an OpenAI-compatible model). */
export const WRITING_SCORING_QUEUE = defineQueue<AnswerScoringJob>('writing-scoring', { attempts: 4, concurrency: 2 });

const PENDING: Readonly<Record<'PENDING_SPEECH' | 'PENDING_AI', QueueDefinition<AnswerScoringJob>>> = {
  PENDING_SPEECH: SPEECH_SCORING_QUEUE,
  PENDING_AI: WRITING_SCORING_QUEUE,
};

/**
 * Background scoring of answers: a failed attempt is retried with back-off; after the last one the
 * answer waits for a person (PENDING_MANUAL) and the job is in the failed list. Every write is
 * guarded by the answer's status and version, so a late or repeated job never overwrites a newer
 * answer or a reviewer's score. A failed-list retry takes the answer back from manual review (see prepareRetry).
 */
@Injectable()
export class AnswerScoringJobs implements OnModuleInit {
  private readonly logger = new Logger(AnswerScoringJobs.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly answers: AnswersRepository,
    private readonly evaluation: EvaluationService,
    private readonly storage: StorageProvider,
    private readonly speech: SpeechProvider,
    private readonly writing: WritingAssessor,
    private readonly retries: JobRetryRegistry,
  ) {}

  onModuleInit(): void {
    this.queue.process(SPEECH_SCORING_QUEUE, (job, context) => this.run('PENDING_SPEECH', job, context, (answer) => this.scoreSpeaking(answer, job)));
    this.queue.process(WRITING_SCORING_QUEUE, (job, context) => this.run('PENDING_AI', job, context, (answer) => this.scoreWriting(answer, job)));
    this.retries.register(SPEECH_SCORING_QUEUE, (job) => this.prepareRetry('PENDING_SPEECH', job));
    this.retries.register(WRITING_SCORING_QUEUE, (job) => this.prepareRetry('PENDING_AI', job));
  }

  /**
   * A failed scoring job retried from the failed list: its answer went to manual review when the job
   * failed, so it is taken back (and scored again) unless a person scored it, the candidate replaced
   * it or the attempt completed since; then the retry is refused.
   */
  private async prepareRetry(pending: 'PENDING_SPEECH' | 'PENDING_AI', job: AnswerScoringJob): Promise<AnswerScoringJob> {
    const version = new Date(job.version);
    const answer = await this.answers.findWithContext(job.answerId);
    if (!answer) throw retryRefused('The answer no longer exists');
    if (answer.status === pending && answer.updatedAt.getTime() === version.getTime()) return job;
    const taken = await this.answers.takeBackForScoring(answer.id, version, pending);
    if (taken) {
      this.logger.log(`Answer ${answer.id} taken back from manual review for a retried scoring job`);
      return { answerId: answer.id, version: taken.toISOString() };
    }
    const current = await this.answers.findWithContext(job.answerId);
    if (current?.status === 'SCORED') throw retryRefused(`The answer has been scored since (by ${current.scoredBy ?? 'someone'}); nothing to retry`);
    if (current && current.updatedAt.getTime() !== version.getTime())
      throw retryRefused('The candidate replaced this answer since; the new answer has its own scoring');
    throw retryRefused('The answer no longer waits for this scoring');
  }

  /** Queues the scoring of an answer just stored as PENDING_SPEECH or PENDING_AI; if it cannot be queued, a person scores it. */
  async enqueue(answer: Answer): Promise<void> {
    if (answer.status !== 'PENDING_SPEECH' && answer.status !== 'PENDING_AI') return;
    try {
      await this.queue.add(PENDING[answer.status], { answerId: answer.id, version: answer.updatedAt.toISOString() });
    } catch (error) {
      this.logger.error({ msg: `Could not queue scoring of answer ${answer.id}; it waits for manual review`, err: error });
      await this.answers.markManual(answer.id, { status: answer.status, updatedAt: answer.updatedAt });
    }
  }

  private async run(
    pending: 'PENDING_SPEECH' | 'PENDING_AI',
    job: AnswerScoringJob,
    context: JobContext,
    score: (answer: AnswerWithContext) => Promise<void>,
  ): Promise<void> {
    const version = new Date(job.version);
    const answer = await this.answers.findWithContext(job.answerId);
    // Replaced, already scored or already handed to a person: nothing left for this job.
    if (!answer || answer.status !== pending || answer.updatedAt.getTime() !== version.getTime()) return;
    try {
      await score(answer);
    } catch (error) {
      if (context.attempt < PENDING[pending].attempts) throw error;
      this.logger.warn(`Scoring of answer ${answer.id} failed for good; it waits for manual review: ${(error as Error).message}`);
      await this.answers.markManual(answer.id, { status: pending as AnswerStatus, updatedAt: version });
      await this.finalizeQuietly(answer.candidateAssessmentId);
      throw error;
    }
    await this.finalizeQuietly(answer.candidateAssessmentId);
  }

  private async scoreSpeaking(answer: AnswerWithContext, job: AnswerScoringJob): Promise<void> {
    if (!answer.audioKey) throw new Error('The answer has no recording');
    const audio = await buffer(await this.storage.read(answer.audioKey));
    const evaluation = await this.speech.evaluate(audio, {
      languageCode: answer.candidateAssessment.assessment.language,
      referenceText: answer.question.correctAnswers[0],
    });
    const { provider, providerRef, transcript, fluency, accuracy, pronunciation, overall } = evaluation;
    await this.answers.score(
      answer.id,
      { status: ['PENDING_SPEECH'], updatedAt: new Date(job.version) },
      { score: overall / 100, scoredBy: 'SPEECH', feedback: { fluency, accuracy, pronunciation } },
      { provider, providerRef, transcript, fluency, accuracy, pronunciation, overall },
    );
  }

  private async scoreWriting(answer: AnswerWithContext, job: AnswerScoringJob): Promise<void> {
    const scores = await this.writing.assess({
      prompt: answer.question.prompt,
      answer: answer.response ?? '',
      language: answer.candidateAssessment.assessment.language,
    });
    await this.answers.score(
      answer.id,
      { status: ['PENDING_AI'], updatedAt: new Date(job.version) },
      {
        score: scores.overall / 100,
        scoredBy: 'AI',
        feedback: { grammar: scores.grammar, coherence: scores.coherence, vocabulary: scores.vocabulary, comment: scores.feedback, model: scores.model },
      },
    );
  }

  private async finalizeQuietly(candidateAssessmentId: string): Promise<void> {
    try {
      await this.evaluation.tryFinalize(candidateAssessmentId);
    } catch (error) {
      this.logger.error({ msg: `Finalising attempt ${candidateAssessmentId} failed`, err: error });
    }
  }
}
