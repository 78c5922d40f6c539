import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { AnalyticsService } from './analytics.service.js';
import { ChatbotAnalyticsDto, DateRangeQueryDto, OverviewAnalyticsDto, SupportAnalyticsDto } from './dto/analytics.dto.js';

@ApiTags('Analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('chatbot')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Bot performance: FAQ hit rate, response times, satisfaction, sentiment, keywords, tokens and cost (staff)' })
  @ApiEnvelope(ChatbotAnalyticsDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  chatbot(@Query() query: DateRangeQueryDto) {
    return this.analytics.chatbot(query);
  }

  @Get('overview')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Conversations by status, activity and open backlogs (staff)' })
  @ApiEnvelope(OverviewAnalyticsDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  overview(@Query() query: DateRangeQueryDto) {
    return this.analytics.overview(query);
  }

  @Get('support')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Escalations, tickets, reports and agent load (staff)' })
  @ApiEnvelope(SupportAnalyticsDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  support(@Query() query: DateRangeQueryDto) {
    return this.analytics.support(query);
  }
}
