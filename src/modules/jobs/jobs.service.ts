import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, conflict, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import { FailedJobsRepository } from '../../infra/queue/failed-jobs.repository.js';
import { JobQueue, UnknownQueueError } from '../../infra/queue/job-queue.js';
import { FailedJobDto, ListFailedJobsQueryDto, RetriedJobDto, toFailedJobDto } from './dto/failed-job.dto.js';
import { JobRetryRegistry } from './job-retry.registry.js';

/** The failed list for staff: what failed, and running it again. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly failedJobs: FailedJobsRepository,
    private readonly queue: JobQueue,
    private readonly retries: JobRetryRegistry,
  ) {}

  async listFailed(query: ListFailedJobsQueryDto): Promise<Page<FailedJobDto>> {
    const { skip, take } = pageArgs(query);
    const [rows, total] = await this.failedJobs.list(query.queue, skip, take);
    return toPage(rows, total, query, toFailedJobDto);
  }

  /**
   * Queues the job again with fresh attempts, after its queue readied the work for it (or refused:
   * 409 JOB_OBSOLETE, the entry stays listed). Each failed entry is retried once; a new failure is a
   * new entry.
   */
  async retry(id: string, user: AuthUser): Promise<RetriedJobDto> {
    const claimed = await this.failedJobs.claimForRetry(id, user.id);
    if (!claimed) {
      if (!(await this.failedJobs.findById(id))) throw notFound('Failed job');
      throw conflict('JOB_ALREADY_RETRIED', 'This job was already queued again');
    }
    try {
      const payload = await this.retries.prepare(claimed.queue, claimed.payload);
      const jobId = await this.queue.addByName(claimed.queue, payload);
      this.logger.log({ msg: `Failed ${claimed.queue} job queued again as ${jobId}`, failedJobId: id, queue: claimed.queue, jobId, retriedBy: user.id });
      return { id: claimed.id, queue: claimed.queue, jobId };
    } catch (error) {
      await this.failedJobs.releaseRetry(id);
      if (error instanceof UnknownQueueError) throw conflict('QUEUE_UNKNOWN', `This server has no queue named "${claimed.queue}"`);
      if (error instanceof AppError) this.logger.log({ msg: 'Retry of a failed job refused', failedJobId: id, queue: claimed.queue, reason: error.message });
      throw error;
    }
  }
}
