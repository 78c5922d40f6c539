import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { CommunicationService } from './communication.service.js';

/** Expires unanswered call requests every few seconds (each request once, whichever instance wins). */
@Injectable()
export class CommunicationJobs {
  private readonly logger = new Logger(CommunicationJobs.name);
  private running = false;

  constructor(private readonly calls: CommunicationService) {}

  @Interval('call-request-expiry', 5_000)
  async expireCallRequests(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.calls.expireOverdue();
    } catch (error) {
      this.logger.error({ err: error }, 'Call request expiry failed');
    } finally {
      this.running = false;
    }
  }
}
