import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { FailedJobDto, ListFailedJobsQueryDto, RetriedJobDto } from './dto/failed-job.dto.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get('failed')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Background jobs that used up their retries, newest first (?queue= to filter)' })
  @ApiEnvelope(FailedJobDto, { paginated: true })
  @ApiErrors(400, 403)
  listFailed(@Query() query: ListFailedJobsQueryDto) {
    return this.jobs.listFailed(query);
  }

  @Post('failed/:id/retry')
  @HttpCode(200)
  @Roles(...ADMIN_ROLES)
  @ApiOperation({
    summary:
      'Run a failed job again with fresh retries (once per failed entry); 409 JOB_OBSOLETE when there is nothing left for it to do (e.g. a person scored the answer since)',
  })
  @ApiEnvelope(RetriedJobDto)
  @ApiErrors(400, 403, 404, 409)
  retry(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<RetriedJobDto> {
    return this.jobs.retry(id, user);
  }
}
