import { Module } from '@nestjs/common';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { NotificationsModule } from '../notifications/index.js';
import { UsersModule } from '../users/index.js';
import { DirectMessagesController } from './direct-messages.controller.js';
import { DirectMessagesRepository } from './direct-messages.repository.js';
import { DirectMessagesService } from './direct-messages.service.js';
import { DonorDeskJobs } from './donor-desk.jobs.js';
import { DonorQueriesController } from './donor-queries.controller.js';
import { DonorQueryEvents } from './donor-queries.events.js';
import { DonorQueriesGateway } from './donor-queries.gateway.js';
import { DonorQueriesRepository } from './donor-queries.repository.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { QueryRemindersService } from './query-reminders.service.js';

@Module({
  imports: [QueueModule, NotificationsModule, UsersModule],
  controllers: [DonorQueriesController, DirectMessagesController],
  providers: [
    DonorQueriesService,
    DonorQueriesRepository,
    DonorQueryEvents,
    DonorQueriesGateway,
    QueryRemindersService,
    DonorDeskJobs,
    DirectMessagesService,
    DirectMessagesRepository,
  ],
  exports: [DonorQueriesService, QueryRemindersService],
})
export class DonorQueriesModule {}
