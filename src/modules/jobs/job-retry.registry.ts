import { Injectable } from '@nestjs/common';
import { conflict } from '../../common/http/app-error.js';
import type { QueueDefinition } from '../../infra/queue/job-queue.js';

/**
 * Readies a failed job's payload to run again: returns the payload to queue (the same one, or one
 * for the work's current version), or throws `retryRefused` when running it again would do nothing.
 */
export type RetryPreparer<T> = (payload: T) => Promise<T>;

/** A failed job that must not run again, with the reason staff see (409 JOB_OBSOLETE). */
export const retryRefused = (reason: string) => conflict('JOB_OBSOLETE', reason);

/**
 * What a queue does before one of its failed jobs is queued again. Jobs that simply run again (mail,
 * SMS, push) register nothing; jobs whose work moved on when they failed (scoring an answer that was
 * handed to a person) register how to take the work back, or to refuse.
 */
@Injectable()
export class JobRetryRegistry {
  private readonly preparers = new Map<string, RetryPreparer<unknown>>();

  register<T>(queue: QueueDefinition<T>, prepare: RetryPreparer<T>): void {
    if (this.preparers.has(queue.name)) throw new Error(`Queue "${queue.name}" already has a retry preparer`);
    this.preparers.set(queue.name, prepare as RetryPreparer<unknown>);
  }

  async prepare(queue: string, payload: unknown): Promise<unknown> {
    const prepare = this.preparers.get(queue);
    return prepare ? prepare(payload) : payload;
  }
}
