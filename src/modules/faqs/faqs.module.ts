import { Module } from '@nestjs/common';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { FaqsController } from './faqs.controller.js';
import { FaqsJobs } from './faqs.jobs.js';
import { FaqsRepository } from './faqs.repository.js';
import { FaqsService } from './faqs.service.js';

@Module({ imports: [QueueModule], controllers: [FaqsController], providers: [FaqsService, FaqsRepository, FaqsJobs], exports: [FaqsService] })
export class FaqsModule {}
