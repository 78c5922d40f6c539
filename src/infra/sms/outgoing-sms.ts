import { Injectable, OnModuleInit } from '@nestjs/common';
import { defineQueue, JobQueue } from '../queue/job-queue.js';
import { SmsMessage, SmsProvider } from './sms.provider.js';

/** The text is left out of what staff see: it may carry a one-time code. */
export const SMS_QUEUE = defineQueue<SmsMessage>('sms', {
  attempts: 5,
  summarize: ({ to }) => ({ to }),
});

/**
 * The way to send a text message: each one is a job of the `sms` queue, delivered by the configured
 * provider; a provider that throws is retried with back-off and ends in the failed list.
 */
@Injectable()
export class OutgoingSms implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly provider: SmsProvider,
  ) {}

  onModuleInit(): void {
    this.queue.process(SMS_QUEUE, (message) => this.provider.send(message));
  }

  /** Resolves with the job id once the message is queued; delivery follows in the background. */
  send(message: SmsMessage): Promise<string> {
    return this.queue.add(SMS_QUEUE, message);
  }
}
