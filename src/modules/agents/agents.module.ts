import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/index.js';
import { UsersModule } from '../users/index.js';
import { AgentsAdminController } from './agents-admin.controller.js';
import { AgentsController } from './agents.controller.js';
import { AgentsRepository } from './agents.repository.js';
import { AgentsService } from './agents.service.js';
import { KycService } from './kyc.service.js';

@Module({
  imports: [NotificationsModule, UsersModule],
  controllers: [AgentsController, AgentsAdminController],
  providers: [AgentsService, KycService, AgentsRepository],
  exports: [AgentsService],
})
export class AgentsModule {}
