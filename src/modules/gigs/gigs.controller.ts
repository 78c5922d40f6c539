import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ActivityDto, ActivityResponseDto, CreateReviewDto, GigResponseDto, ListGigsQueryDto, PickSlotsDto, ReviewResponseDto } from './dto/gig.dto.js';
import { CreateSubmissionDto, SubmissionResponseDto } from './dto/submission.dto.js';
import { GigsService } from './gigs.service.js';
import { SubmissionsService } from './submissions.service.js';

const PARTIES_AND_STAFF = ['AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT'] as const;

@ApiTags('Gigs')
@Controller('gigs')
export class GigsController {
  constructor(
    private readonly gigs: GigsService,
    private readonly submissions: SubmissionsService,
  ) {}

  @Get()
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: 'My gigs (as agent or client); staff: all' })
  @ApiEnvelope(GigResponseDto, { paginated: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListGigsQueryDto): Promise<Page<GigResponseDto>> {
    return this.gigs.list(user, query);
  }

  @Get(':id')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: 'One gig with its work slots' })
  @ApiEnvelope(GigResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GigResponseDto> {
    return this.gigs.get(user, id);
  }

  @Post(':id/work-slots')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Pick schedule slots to work (slot capacity, no overlap with my other slots)' })
  @ApiEnvelope(GigResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  pickSlots(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PickSlotsDto): Promise<GigResponseDto> {
    return this.gigs.pickSlots(user, id, dto);
  }

  @Post(':id/activity')
  @Roles('AGENT')
  @ApiOperation({
    summary:
      'Log LOGIN, BREAK_START, BREAK_END or LOGOUT (a state machine per gig); LOGIN only from GIGS_LOGIN_GRACE_MINUTES before a picked slot until its end (409 OUTSIDE_WORK_SLOT names the slot)',
  })
  @ApiEnvelope(ActivityResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  activity(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ActivityDto): Promise<ActivityResponseDto> {
    return this.gigs.recordActivity(user, id, dto);
  }

  @Get(':id/activity')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: 'Activity log with worked and break minutes (counted inside the picked slots only)' })
  @ApiEnvelope(ActivityResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  activityLog(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityResponseDto> {
    return this.gigs.activity(user, id);
  }

  @Post(':id/submissions')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Submit deliverables for client review (attach files with POST /submissions/:id/files)' })
  @ApiEnvelope(SubmissionResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSubmissionDto): Promise<SubmissionResponseDto> {
    return this.submissions.submit(user, id, dto);
  }

  @Get(':id/submissions')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: "The gig's submissions" })
  @ApiEnvelope(SubmissionResponseDto, { isArray: true })
  @ApiErrors(HttpStatus.NOT_FOUND)
  listSubmissions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionResponseDto[]> {
    return this.submissions.listForGig(user, id);
  }

  @Post(':id/reviews')
  @Roles('AGENT', 'CLIENT')
  @ApiOperation({ summary: 'Review the other party once (double-blind: published when both reviewed or the window closes)' })
  @ApiEnvelope(ReviewResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  review(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateReviewDto): Promise<ReviewResponseDto> {
    return this.gigs.review(user, id, dto);
  }

  @Get(':id/reviews')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: "The gig's reviews visible to me" })
  @ApiEnvelope(ReviewResponseDto, { isArray: true })
  @ApiErrors(HttpStatus.NOT_FOUND)
  reviews(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewResponseDto[]> {
    return this.gigs.reviews(user, id);
  }

  @Post(':id/complete')
  @Roles('AGENT', 'CLIENT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Complete the gig (needs approved, paid work and no open dispute)' })
  @ApiEnvelope(GigResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  complete(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GigResponseDto> {
    return this.gigs.complete(user, id);
  }
}
