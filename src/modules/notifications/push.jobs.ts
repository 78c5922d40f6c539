import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events.js';
import { PushProvider } from '../../infra/push/push.provider.js';
import { defineQueue, JobQueue } from '../../infra/queue/job-queue.js';
import { UsersService } from '../users/index.js';

/** One push to one user; the device token is read when the job runs, so it never sits in a queue. */
export interface PushJob {
  userId: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

export const PUSH_QUEUE = defineQueue<PushJob>('push', {
  attempts: 5,
  summarize: ({ userId, title, data }) => ({ userId, title, type: data.type }),
});

/**
 * Runs the `push` queue: FCM to the user's device token, whether or not a socket of theirs is open (a
 * web tab must not silence the phone); `data.notificationId` lets an app that also got the
 * notification over its socket show it once. A failed send is retried with back-off.
 */
@Injectable()
export class PushJobs implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly push: PushProvider,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.queue.process(PUSH_QUEUE, (job) => this.send(job));
  }

  async send(job: PushJob): Promise<void> {
    const token = await this.users.getFcmToken(job.userId);
    if (!token) return;
    const result = await this.push.send(token, { title: job.title, body: job.body, data: job.data });
    if (result === 'invalid-token') await this.events.emit('push.token-invalid', { userId: job.userId, token });
    if (result === 'failed') throw new Error('The push provider did not accept the message');
  }
}
