import { buffer } from 'node:stream/consumers';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Answer } from '../../generated/prisma/client.js';
import { defineQueue, JobContext, JobQueue } from '../../infra/queue/job-queue.js';
import { SpeechProvider } from '../../infra/speech/speech.provider.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { AnswersRepository } from './answers.repository.js';
import { EvaluationService } from './evaluation.service.js';

/** Ids only: the recording is read from storage when the job runs, so audio never sits in a queue. */
export interface SpeechScoringJob {
  answerId: string;
  /** The answer's `updatedAt` when it was queued: a replaced answer is not scored with this job. */
  version: string;
}

export const SPEECH_SCORING_QUEUE = defineQueue<SpeechScoringJob>('speech-scoring', { attempts: 4, concurrency: 2 });

/**
 * Runs the `speech-scoring` queue: transcribes and scores a spoken answer with the speech provider.
 * A failed attempt is retried with back-off; after the last one the answer waits for a person
 * (PENDING_MANUAL) and the job is in the failed list. Every write is guarded by the answer's status
 * and version, so a late or repeated job never overwrites a newer answer or a reviewer's score.
 */
@Injectable()
export class SpeechScoringJobs implements OnModuleInit {
  private readonly logger = new Logger(SpeechScoringJobs.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly answers: AnswersRepository,
    private readonly evaluation: EvaluationService,
    private readonly storage: StorageProvider,
    private readonly speech: SpeechProvider,
  ) {}

  onModuleInit(): void {
    this.queue.process(SPEECH_SCORING_QUEUE, (job, context) => this.score(job, context));
  }

  /** Queues the scoring of an answer just stored as PENDING_SPEECH; if it cannot be queued, a person scores it. */
  async enqueue(answer: Answer): Promise<void> {
    try {
      await this.queue.add(SPEECH_SCORING_QUEUE, { answerId: answer.id, version: answer.updatedAt.toISOString() });
    } catch (error) {
      this.logger.error({ err: error }, `Could not queue speech scoring of answer ${answer.id}; it waits for manual review`);
      await this.answers.markManual(answer.id, { status: 'PENDING_SPEECH', updatedAt: answer.updatedAt });
    }
  }

  async score(job: SpeechScoringJob, context: JobContext): Promise<void> {
    const version = new Date(job.version);
    const answer = await this.answers.findWithContext(job.answerId);
    // Replaced, already scored or already handed to a person: nothing left for this job.
    if (!answer?.audioKey || answer.status !== 'PENDING_SPEECH' || answer.updatedAt.getTime() !== version.getTime()) return;
    try {
      const audio = await buffer(await this.storage.read(answer.audioKey));
      const evaluation = await this.speech.evaluate(audio, {
        languageCode: answer.candidateAssessment.assessment.language,
        referenceText: answer.question.correctAnswers[0],
      });
      const { provider, providerRef, transcript, fluency, accuracy, pronunciation, overall } = evaluation;
      await this.answers.score(
        answer.id,
        { status: ['PENDING_SPEECH'], updatedAt: version },
        { score: overall / 100, scoredBy: 'SPEECH', feedback: { fluency, accuracy, pronunciation } },
        { provider, providerRef, transcript, fluency, accuracy, pronunciation, overall },
      );
    } catch (error) {
      if (context.attempt < SPEECH_SCORING_QUEUE.attempts) throw error;
      this.logger.warn(`Speech scoring of answer ${answer.id} failed for good; it waits for manual review: ${(error as Error).message}`);
      await this.answers.markManual(answer.id, { status: 'PENDING_SPEECH', updatedAt: version });
      await this.finalizeQuietly(answer.candidateAssessmentId);
      throw error;
    }
    await this.finalizeQuietly(answer.candidateAssessmentId);
  }

  private async finalizeQuietly(candidateAssessmentId: string): Promise<void> {
    try {
      await this.evaluation.tryFinalize(candidateAssessmentId);
    } catch (error) {
      this.logger.error({ err: error }, `Finalising attempt ${candidateAssessmentId} failed`);
    }
  }
}
