import { Module } from '@nestjs/common';
import { PushModule } from '../../infra/push/push.module.js';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { UsersModule } from '../users/index.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { PushJobs } from './push.jobs.js';

@Module({
  imports: [PushModule, QueueModule, UsersModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, PushJobs],
  exports: [NotificationsService],
})
export class NotificationsModule {}
