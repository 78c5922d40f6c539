import { Module } from '@nestjs/common';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { JobRetryModule } from './job-retry.module.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

@Module({
  imports: [QueueModule, JobRetryModule],
  controllers: [JobsController],
  providers: [JobsService],
})
export class JobsModule {}
