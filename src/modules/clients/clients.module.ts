import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/index.js';
import { ReviewsModule } from '../reviews/index.js';
import { UsersModule } from '../users/index.js';
import { ClientsController } from './clients.controller.js';
import { ClientsRepository } from './clients.repository.js';
import { ClientsService } from './clients.service.js';
import { OpportunitiesController } from './opportunities.controller.js';
import { ProjectsController } from './projects.controller.js';

@Module({
  imports: [AgentsModule, ReviewsModule, UsersModule],
  controllers: [ClientsController, ProjectsController, OpportunitiesController],
  providers: [ClientsService, ClientsRepository],
  exports: [ClientsService],
})
export class ClientsModule {}
