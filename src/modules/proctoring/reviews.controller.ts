import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES, STAFF_ROLES, UserRole } from '../../common/auth/roles.js';
import { RawResponse } from '../../common/http/envelope.interceptor.js';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { AnswersService } from './answers.service.js';
import { AppealDto, CandidateProfileDto, DecideAppealDto, ExtraTimeDto, PendingAnswerDto, ProctoringLogDto, ReviewAnswerDto } from './dto/session.dto.js';
import { MonitoringService } from './monitoring.service.js';
import { ProctoringSessionsService } from './sessions.service.js';

@ApiTags('Proctoring: reviews, appeals and allowances')
@Controller('proctoring')
export class ReviewsController {
  constructor(
    private readonly answers: AnswersService,
    private readonly monitoring: MonitoringService,
    private readonly sessions: ProctoringSessionsService,
  ) {}

  @Get('answers/pending-review')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Answers of submitted attempts waiting for a manual score' })
  @ApiEnvelope(PendingAnswerDto, { paginated: true })
  pending(@Query() query: PaginationQueryDto) {
    return this.answers.listPending(query);
  }

  @Patch('answers/:id/review')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Score a speaking or writing answer that waits for manual review (0..100)' })
  @ApiEnvelope(PendingAnswerDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  reviewAnswer(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewAnswerDto, @CurrentUser() user: AuthUser): Promise<PendingAnswerDto> {
    return this.answers.review(id, dto, user);
  }

  @Get('answers/:id/audio')
  @Roles(...STAFF_ROLES)
  @RawResponse()
  @ApiOperation({ summary: 'Play the recording of a spoken answer (for scoring it)' })
  @ApiProduces('audio/*', 'video/webm')
  @ApiOkResponse({ description: 'The recording as uploaded', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async audio(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.answers.audio(id);
    return new StreamableFile(file.stream, { type: file.contentType });
  }

  @Get('logs/:id/snapshot')
  @Roles(...STAFF_ROLES)
  @RawResponse()
  @ApiOperation({ summary: 'The image captured with a violation' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The snapshot image', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async snapshot(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.monitoring.snapshot(id);
    return new StreamableFile(file.stream, { type: file.contentType });
  }

  @Post('logs/:id/appeal')
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Appeal one of your violations (once per violation)' })
  @ApiEnvelope(ProctoringLogDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  appeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AppealDto, @CurrentUser() user: AuthUser): Promise<ProctoringLogDto> {
    return this.monitoring.appeal(id, user, dto);
  }

  @Patch('logs/:id/appeal')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Decide an appeal: UPHELD keeps the violation, OVERTURNED removes it from the count' })
  @ApiEnvelope(ProctoringLogDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  decideAppeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideAppealDto, @CurrentUser() user: AuthUser): Promise<ProctoringLogDto> {
    return this.monitoring.decideAppeal(id, dto, user);
  }

  @Put('candidates/:userId/extra-time')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "Set a candidate's extra-time allowance (added to every new session's deadline)" })
  @ApiEnvelope(CandidateProfileDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  extraTime(@Param('userId', ParseUUIDPipe) userId: string, @Body() dto: ExtraTimeDto): Promise<CandidateProfileDto> {
    return this.sessions.setExtraTime(userId, dto.extraTimeMinutes);
  }

  @Get('candidates/me')
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Your overall CEFR level and allowances' })
  @ApiEnvelope(CandidateProfileDto)
  me(@CurrentUser() user: AuthUser): Promise<CandidateProfileDto> {
    return this.sessions.profile(user.id);
  }
}
