import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { PaginationQueryDto, type Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { AgentReviewResponseDto } from './dto/agent-review.dto.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('Agents')
@Controller('agents')
export class AgentReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/reviews')
  @Roles('CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT', 'AGENT')
  @ApiOperation({
    summary:
      "Clients' reviews of an agent, newest first (clients and staff; an agent only their own). Double-blind: a review still hidden is shown only to its author and staff",
  })
  @ApiEnvelope(AgentReviewResponseDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PaginationQueryDto): Promise<Page<AgentReviewResponseDto>> {
    return this.reviews.aboutAgent(user, id, query);
  }
}
