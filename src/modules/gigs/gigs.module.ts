import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/index.js';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { AgentsModule } from '../agents/index.js';
import { ClientsModule } from '../clients/index.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { DisputesController } from './disputes.controller.js';
import { DisputesRepository } from './disputes.repository.js';
import { DisputesService } from './disputes.service.js';
import { GigsController } from './gigs.controller.js';
import { GigsRepository } from './gigs.repository.js';
import { GigsService } from './gigs.service.js';
import { GigsSweeper } from './gigs.sweeper.js';
import { ReviewsModule } from '../reviews/index.js';
import { UsersModule } from '../users/index.js';
import { SubmissionsController } from './submissions.controller.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { SubmissionsService } from './submissions.service.js';

@Module({
  imports: [NotificationsModule, AgentsModule, ClientsModule, ReviewsModule, QueueModule, UsersModule],
  controllers: [ApplicationsController, GigsController, SubmissionsController, DisputesController],
  providers: [
    ApplicationsService,
    ApplicationsRepository,
    GigsService,
    GigsRepository,
    SubmissionsService,
    SubmissionsRepository,
    DisputesService,
    DisputesRepository,
    GigsSweeper,
  ],
})
export class GigsModule {}
