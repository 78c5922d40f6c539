import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { ChatPipelineService } from './chat-pipeline.service.js';

export const CHAT_ANSWER_RECOVERY_SCHEDULE = 'chat-answer-recovery';

/**
 * Answers chat messages whose answer is overdue (the process that stored them died before
 * answering), as a scheduled job: with Redis one instance runs each pass. The owed answers live in
 * PostgreSQL, so they survive any restart; a pass every half recovery delay (at most every 5 s).
 */
@Injectable()
export class ChatAnswersJobs implements OnModuleInit {
  constructor(
    private readonly pipeline: ChatPipelineService,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const everyMs = Math.min(5_000, Math.max(250, Math.round(this.config.chat.answerRecoveryMs / 2)));
    this.queue.schedule(CHAT_ANSWER_RECOVERY_SCHEDULE, everyMs, () => this.pipeline.answerOverdue());
  }
}
