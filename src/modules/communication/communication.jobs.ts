import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { CommunicationService } from './communication.service.js';

export const CALL_EXPIRY_SCHEDULE = 'call-request-expiry';
const EXPIRY_EVERY_MS = 5_000;

/** Expires unanswered call requests every few seconds, as a scheduled job (each request once, whichever instance runs it). */
@Injectable()
export class CommunicationJobs implements OnModuleInit {
  constructor(
    private readonly calls: CommunicationService,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.queue.schedule(CALL_EXPIRY_SCHEDULE, EXPIRY_EVERY_MS, () => this.calls.expireOverdue());
  }
}
