import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { FailedJobsRepository } from './failed-jobs.repository.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JobQueue } from './job-queue.js';

/**
 * Background jobs: BullMQ when REDIS_URL is set, in process otherwise. Imported by the modules that
 * queue or run jobs (not global), so that it shuts down after them and before the database.
 */
@Module({
  providers: [
    FailedJobsRepository,
    {
      provide: JobQueue,
      inject: [AppConfig, FailedJobsRepository],
      useFactory: (config: AppConfig, failedJobs: FailedJobsRepository): JobQueue =>
        config.redisUrl
          ? new BullMqJobQueue(failedJobs, config.jobs.backoffMs, { url: config.redisUrl, prefix: `${config.redisKeyPrefix}bull`, stalledAfterMs: config.jobs.stalledAfterMs })
          : new InProcessJobQueue(failedJobs, config.jobs.backoffMs),
    },
  ],
  exports: [JobQueue, FailedJobsRepository],
})
export class QueueModule {}
