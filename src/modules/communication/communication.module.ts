import { Module } from '@nestjs/common';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { VideoModule } from '../../infra/video/video.module.js';
import { DonorQueriesModule } from '../donor-queries/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { UsersModule } from '../users/index.js';
import { CallEvents } from './call.events.js';
import { CommunicationController } from './communication.controller.js';
import { CommunicationJobs } from './communication.jobs.js';
import { CommunicationRepository } from './communication.repository.js';
import { CommunicationService } from './communication.service.js';

@Module({
  imports: [QueueModule, VideoModule, DonorQueriesModule, NotificationsModule, UsersModule],
  controllers: [CommunicationController],
  providers: [CommunicationService, CommunicationRepository, CallEvents, CommunicationJobs],
})
export class CommunicationModule {}
