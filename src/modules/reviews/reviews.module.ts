import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/index.js';
import { AgentReviewsController } from './agent-reviews.controller.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';

/** Reviews of the gig cycle and the ratings built from them; the marketplace modules import it. */
@Module({
  imports: [AgentsModule],
  controllers: [AgentReviewsController],
  providers: [ReviewsService, ReviewsRepository],
  exports: [ReviewsService],
})
export class ReviewsModule {}
