import { Logger } from '@nestjs/common';
import { redactPayload } from './job-summary.js';
import type { FailedJobsRepository } from './failed-jobs.repository.js';

/** A named queue and the type of its jobs' payloads (plain JSON: payloads cross Redis). */
export interface QueueDefinition<T> {
  readonly name: string;
  /** Runs in total before the job lands in the failed list (1 = no retry). */
  readonly attempts: number;
  /** Jobs of this queue one instance runs at once. */
  readonly concurrency: number;
  /** What staff see of a payload in the failed list; the default hides secret-looking fields. */
  readonly summarize: (payload: T) => Record<string, unknown>;
}

/** The queue that carries schedule runs (BullMQ job schedulers); no job queue may take its name. */
export const SCHEDULES_QUEUE = 'schedules';

export function defineQueue<T extends object>(name: string, options: Partial<Omit<QueueDefinition<T>, 'name'>> = {}): QueueDefinition<T> {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) throw new Error(`Queue name "${name}" must be lower-case letters, digits and dashes`);
  if (name === SCHEDULES_QUEUE) throw new Error(`Queue name "${name}" is reserved`);
  return { name, attempts: 5, concurrency: 4, summarize: (payload) => redactPayload(payload), ...options };
}

export interface JobContext {
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
}

export type JobHandler<T> = (payload: T, job: JobContext) => Promise<void>;

export interface AddJobOptions {
  delayMs?: number;
}

export class UnknownQueueError extends Error {}

interface Schedule {
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Background jobs: named queues with typed payloads, handlers registered by the modules that own
 * the work, retries with exponential back-off, and a failed list (PostgreSQL) once the attempts are
 * used up. Backed by BullMQ when REDIS_URL is set (jobs survive restarts and run once across
 * instances), in process otherwise. Modules register handlers and schedules in `onModuleInit`;
 * processing starts once the application has booted.
 */
export abstract class JobQueue {
  protected readonly logger = new Logger(JobQueue.name);
  protected readonly definitions = new Map<string, QueueDefinition<unknown>>();
  protected readonly handlers = new Map<string, JobHandler<unknown>>();
  protected readonly schedules = new Map<string, Schedule>();

  constructor(
    protected readonly failedJobs: FailedJobsRepository,
    protected readonly backoffMs: number,
  ) {}

  /** Runs `definition`'s jobs on this instance with `handler`; a throw is a failed attempt. */
  process<T>(definition: QueueDefinition<T>, handler: JobHandler<T>): void {
    if (this.handlers.has(definition.name)) throw new Error(`Queue "${definition.name}" already has a handler`);
    this.know(definition as QueueDefinition<unknown>);
    this.handlers.set(definition.name, handler as JobHandler<unknown>);
  }

  /** Runs `run` every `everyMs` on one instance of the deployment (0: never); a failed run is logged, the next run is its retry. */
  schedule(name: string, everyMs: number, run: () => Promise<unknown>): void {
    if (this.schedules.has(name)) throw new Error(`Schedule "${name}" is already registered`);
    this.schedules.set(name, { everyMs, run });
  }

  /** Queues a job; resolves with its id once the job is stored. */
  add<T>(definition: QueueDefinition<T>, payload: T, options: AddJobOptions = {}): Promise<string> {
    this.know(definition as QueueDefinition<unknown>);
    return this.enqueue(definition as QueueDefinition<unknown>, JSON.parse(JSON.stringify(payload)) as unknown, options);
  }

  /** Queues a job again by its queue's name (the failed list); the queue must be known to this instance. */
  addByName(queue: string, payload: unknown): Promise<string> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new UnknownQueueError(`No queue named "${queue}" on this instance`);
    return this.enqueue(definition, payload, {});
  }

  /** Resolves once the queue has no waiting, delayed or running job (shutdown, tests). */
  abstract idle(definition: Pick<QueueDefinition<unknown>, 'name'>): Promise<void>;

  protected abstract enqueue(definition: QueueDefinition<unknown>, payload: unknown, options: AddJobOptions): Promise<string>;

  protected know(definition: QueueDefinition<unknown>): void {
    const known = this.definitions.get(definition.name);
    if (known && known !== definition) throw new Error(`Queue "${definition.name}" is defined twice`);
    this.definitions.set(definition.name, definition);
  }

  /** One attempt of a job; on the last failed attempt the job goes to the failed list. Rethrows. */
  protected async attempt(definition: QueueDefinition<unknown>, jobId: string, payload: unknown, attempt: number): Promise<void> {
    const handler = this.handlers.get(definition.name);
    try {
      if (!handler) throw new Error(`No handler for queue "${definition.name}" on this instance`);
      await handler(payload, { id: jobId, attempt });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= definition.attempts) {
        this.logger.error(`Job ${definition.name}/${jobId} failed for good after ${attempt} attempt(s): ${message}`);
        await this.recordFailure(definition, jobId, payload, message, attempt);
      } else {
        this.logger.warn(`Job ${definition.name}/${jobId} failed (attempt ${attempt} of ${definition.attempts}): ${message}`);
      }
      throw error;
    }
  }

  /** A failed scheduled run is logged only: the next run is its retry. */
  protected async runScheduled(name: string): Promise<void> {
    const schedule = this.schedules.get(name);
    if (!schedule) throw new Error(`No schedule "${name}" on this instance`);
    try {
      await schedule.run();
    } catch (error) {
      this.logger.error({ msg: `Scheduled job ${name} failed`, err: error });
    }
  }

  private async recordFailure(definition: QueueDefinition<unknown>, jobId: string, payload: unknown, error: string, attempts: number): Promise<void> {
    try {
      let summary: Record<string, unknown>;
      try {
        summary = definition.summarize(payload);
      } catch {
        summary = {};
      }
      await this.failedJobs.record({ queue: definition.name, jobId, payload, summary, error: error.slice(0, 2000), attempts });
    } catch (recordError) {
      this.logger.error({ msg: `Could not record failed job ${definition.name}/${jobId}`, err: recordError });
    }
  }
}
