import { Injectable, OnModuleInit } from '@nestjs/common';
import { defineQueue, JobQueue } from '../queue/job-queue.js';
import { MailMessage, MailProvider } from './mail.provider.js';

/** Only the recipient is shown to staff: the subject and body may carry a one-time code. */
export const MAIL_QUEUE = defineQueue<MailMessage>('mail', {
  attempts: 5,
  summarize: ({ to }) => ({ to }),
});

/**
 * The way to send email: each message is a job of the `mail` queue, delivered by the configured
 * provider; a provider that throws is retried with back-off and ends in the failed list.
 */
@Injectable()
export class OutgoingMail implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly provider: MailProvider,
  ) {}

  onModuleInit(): void {
    this.queue.process(MAIL_QUEUE, (message) => this.provider.send(message));
  }

  /** Resolves with the job id once the message is queued; delivery follows in the background. */
  send(message: MailMessage): Promise<string> {
    return this.queue.add(MAIL_QUEUE, message);
  }
}
