import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import type { FailedJobsRepository } from './failed-jobs.repository.js';
import { AddJobOptions, JobQueue, QueueDefinition, SCHEDULES_QUEUE } from './job-queue.js';

export interface BullMqOptions {
  url: string;
  /** Key prefix of every queue (`<REDIS_KEY_PREFIX>bull`). */
  prefix: string;
  stalledAfterMs: number;
}

/**
 * BullMQ on Redis: jobs persist in Redis (they survive a restart), each is locked by the one worker
 * that runs it, and a job whose worker died (lock not renewed) goes back to waiting for another
 * instance. Schedules are BullMQ job schedulers: every instance upserts the same scheduler id, Redis
 * keeps one, and each run is one job that exactly one instance takes.
 */
export class BullMqJobQueue extends JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    failedJobs: FailedJobsRepository,
    backoffMs: number,
    private readonly options: BullMqOptions,
  ) {
    super(failedJobs, backoffMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, definition] of this.definitions) {
      if (!this.handlers.has(name)) continue;
      this.startWorker(name, definition.concurrency, (job) => this.attempt(definition, job.id!, job.data, job.attemptsMade + 1));
    }
    if (this.schedules.size === 0) return;
    const schedules = this.queue(SCHEDULES_QUEUE);
    for (const [name, { everyMs }] of this.schedules) {
      if (everyMs > 0)
        await schedules.upsertJobScheduler(name, { every: everyMs }, { name, opts: { attempts: 1, removeOnComplete: true, removeOnFail: true } });
      else await schedules.removeJobScheduler(name);
    }
    this.startWorker(SCHEDULES_QUEUE, this.schedules.size, (job) => this.runScheduled(job.name));
  }

  /** Lets running jobs finish (a closing worker takes no new job), then disconnects. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Only meaningful on an instance that runs the queue's jobs. */
  async idle(definition: Pick<QueueDefinition<unknown>, 'name'>): Promise<void> {
    const queue = this.queue(definition.name);
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  protected async enqueue(definition: QueueDefinition<unknown>, payload: unknown, options: AddJobOptions): Promise<string> {
    const job = await this.queue(definition.name).add(definition.name, payload, {
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      delay: options.delayMs,
      removeOnComplete: true,
      // The failed list staff see lives in PostgreSQL, written by the last attempt. BullMQ keeps its own
      // recent failures too: a job that stalled too often (its instances died under it) fails inside
      // Redis without an attempt to record it, and is only visible there.
      removeOnFail: { count: 1000 },
    });
    return job.id!;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // Producers fail fast when Redis is away instead of holding the request that queues the job.
      queue = new Queue(name, {
        connection: { url: this.options.url, maxRetriesPerRequest: 2, connectionName: `cx-queue-${name}` },
        prefix: this.options.prefix,
      });
      queue.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private startWorker(name: string, concurrency: number, processor: (job: Job) => Promise<void>): void {
    const worker = new Worker(name, processor, {
      connection: { url: this.options.url, maxRetriesPerRequest: null, connectionName: `cx-worker-${name}` },
      prefix: this.options.prefix,
      concurrency,
      lockDuration: this.options.stalledAfterMs,
      stalledInterval: this.options.stalledAfterMs,
      maxStalledCount: 2,
    });
    worker.on('error', (error) => this.logger.warn(`Worker ${name}: ${error.message}`));
    this.workers.push(worker);
  }
}
