import { randomUUID } from 'node:crypto';
import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { retryDelayMs } from './backoff.js';
import { AddJobOptions, JobQueue, QueueDefinition } from './job-queue.js';

interface LocalJob {
  id: string;
  payload: unknown;
  failures: number;
}

class LocalQueue {
  readonly waiting: LocalJob[] = [];
  readonly delayed = new Set<NodeJS.Timeout>();
  active = 0;
  idleWaiters: (() => void)[] = [];

  get idle(): boolean {
    return this.active === 0 && this.waiting.length === 0 && this.delayed.size === 0;
  }
}

/**
 * The queue without Redis: the same retries, back-off and failed list, in this process's memory.
 * Jobs waiting at shutdown still run; retries not yet due and jobs of a crashed process are lost,
 * which is why a deployment of several instances sets REDIS_URL.
 */
export class InProcessJobQueue extends JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly queues = new Map<string, LocalQueue>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly runningSchedules = new Map<string, Promise<void>>();
  private started = false;
  private stopping = false;

  onApplicationBootstrap(): void {
    this.started = true;
    for (const name of this.queues.keys()) this.pump(name);
    for (const [name, { everyMs }] of this.schedules) {
      if (everyMs > 0) this.timers.push(setInterval(() => this.tick(name), everyMs));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const queue of this.queues.values()) {
      for (const timer of queue.delayed) clearTimeout(timer);
      queue.delayed.clear();
    }
    await Promise.all([...this.queues.keys()].map((name) => this.drained(name)));
    await Promise.all(this.runningSchedules.values());
  }

  idle(definition: Pick<QueueDefinition<unknown>, 'name'>): Promise<void> {
    return this.drained(definition.name);
  }

  protected enqueue(definition: QueueDefinition<unknown>, payload: unknown, options: AddJobOptions): Promise<string> {
    const job: LocalJob = { id: randomUUID(), payload, failures: 0 };
    if (options.delayMs) this.delay(definition.name, job, options.delayMs);
    else {
      this.local(definition.name).waiting.push(job);
      this.pump(definition.name);
    }
    return Promise.resolve(job.id);
  }

  private local(name: string): LocalQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new LocalQueue();
      this.queues.set(name, queue);
    }
    return queue;
  }

  private drained(name: string): Promise<void> {
    const queue = this.local(name);
    // Jobs of a queue nobody handles here never run, as with BullMQ without a worker.
    if (queue.idle || !this.handlers.has(name)) return Promise.resolve();
    return new Promise((resolve) => queue.idleWaiters.push(resolve));
  }

  private pump(name: string): void {
    const definition = this.definitions.get(name);
    if (!this.started || !definition || !this.handlers.has(name)) return;
    const queue = this.local(name);
    while (queue.active < definition.concurrency && queue.waiting.length > 0) {
      const job = queue.waiting.shift()!;
      queue.active += 1;
      void this.run(definition, queue, job);
    }
    this.notifyIfIdle(queue);
  }

  private async run(definition: QueueDefinition<unknown>, queue: LocalQueue, job: LocalJob): Promise<void> {
    try {
      await this.attempt(definition, job.id, job.payload, job.failures + 1);
    } catch {
      job.failures += 1;
      if (job.failures < definition.attempts) this.delay(definition.name, job, retryDelayMs(this.backoffMs, job.failures));
    } finally {
      queue.active -= 1;
      this.pump(definition.name);
      this.notifyIfIdle(queue);
    }
  }

  private delay(name: string, job: LocalJob, ms: number): void {
    if (this.stopping) return;
    const queue = this.local(name);
    const timer = setTimeout(() => {
      queue.delayed.delete(timer);
      queue.waiting.push(job);
      this.pump(name);
    }, ms);
    timer.unref();
    queue.delayed.add(timer);
  }

  private notifyIfIdle(queue: LocalQueue): void {
    if (!queue.idle) return;
    const waiters = queue.idleWaiters;
    queue.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private tick(name: string): void {
    if (this.stopping || this.runningSchedules.has(name)) return;
    const run = this.runScheduled(name).finally(() => this.runningSchedules.delete(name));
    this.runningSchedules.set(name, run);
  }
}
