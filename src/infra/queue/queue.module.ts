import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { FailedJobsRepository } from './failed-jobs.repository.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JobQueue } from './job-queue.js';
import { importOptional } from '../optional-sdk.js';

/**
 * Background jobs: BullMQ when REDIS_URL is set (bullmq is loaded only then), in process otherwise.
 * Imported by the modules that queue or run jobs (not global), so that it shuts down after them and
 * before the database.
 */
@Module({
  providers: [
    FailedJobsRepository,
    {
      provide: JobQueue,
      inject: [AppConfig, FailedJobsRepository],
      useFactory: async (config: AppConfig, failedJobs: FailedJobsRepository): Promise<JobQueue> => {
        if (!config.redisUrl) return new InProcessJobQueue(failedJobs, config.jobs.backoffMs);
        const { BullMqJobQueue } = await importOptional(() => import('./bullmq-job-queue.js'));
        return new BullMqJobQueue(failedJobs, config.jobs.backoffMs, {
          url: config.redisUrl,
          prefix: `${config.redisKeyPrefix}bull`,
          stalledAfterMs: config.jobs.stalledAfterMs,
        });
      },
    },
  ],
  exports: [JobQueue, FailedJobsRepository],
})
export class QueueModule {}
