import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { DonorDeskJobs } from './donor-desk.jobs.js';
import { DonorQueriesController } from './donor-queries.controller.js';
import { DonorQueryEvents } from './donor-queries.events.js';
import { DonorQueriesGateway } from './donor-queries.gateway.js';
import { DonorQueriesRepository } from './donor-queries.repository.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { QueryRemindersService } from './query-reminders.service.js';

@Module({
  imports: [NotificationsModule, UsersModule],
  controllers: [DonorQueriesController],
  providers: [DonorQueriesService, DonorQueriesRepository, DonorQueryEvents, DonorQueriesGateway, QueryRemindersService, DonorDeskJobs],
  exports: [DonorQueriesService, QueryRemindersService],
})
export class DonorQueriesModule {}
