import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { FaqsService } from './faqs.service.js';

export const FAQ_USAGE_FOLD_SCHEDULE = 'faq-usage-fold';
const FOLD_EVERY_MS = 5_000;

/** Folds the FAQ uses appended by chat answers into the FAQs' counts every few seconds, as a scheduled job. */
@Injectable()
export class FaqsJobs implements OnModuleInit {
  constructor(
    private readonly faqs: FaqsService,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.queue.schedule(FAQ_USAGE_FOLD_SCHEDULE, FOLD_EVERY_MS, () => this.faqs.foldUsage());
  }
}
