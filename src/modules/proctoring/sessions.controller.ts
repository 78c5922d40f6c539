import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES, UserRole } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { AnswersService } from './answers.service.js';
import {
  AnswerReceiptDto,
  AudioAnswerFieldsDto,
  ListSessionsQueryDto,
  ProctoringLogDto,
  ResultDto,
  ReviewSessionDto,
  SessionDto,
  SessionSummaryDto,
  StartSessionDto,
  SubmitAnswerDto,
  ViolationDto,
  ViolationReceiptDto,
} from './dto/session.dto.js';
import { MonitoringService } from './monitoring.service.js';
import { ProctoringSessionsService } from './sessions.service.js';

@ApiTags('Proctoring: sessions')
@Controller('proctoring/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: ProctoringSessionsService,
    private readonly answers: AnswersService,
    private readonly monitoring: MonitoringService,
  ) {}

  @Post()
  @Roles(UserRole.AGENT)
  @ApiOperation({
    summary:
      'Start a proctored session: needs KYC approved (409 ONBOARDING_ORDER names the step to do first), a passed system check and a verified identity from the last hour',
  })
  @ApiEnvelope(SessionDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  start(@Body() dto: StartSessionDto, @CurrentUser() user: AuthUser): Promise<SessionDto> {
    return this.sessions.start(user, dto.assessmentId);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Sessions, e.g. live ones or those awaiting a proctoring review' })
  @ApiEnvelope(SessionSummaryDto, { paginated: true })
  list(@Query() query: ListSessionsQueryDto) {
    return this.sessions.list(query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A session with its questions (never their correct answers) and the answers given' })
  @ApiEnvelope(SessionDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<SessionDto> {
    return this.sessions.get(id, user);
  }

  @Post(':id/answers')
  @HttpCode(HttpStatus.OK)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Answer (or re-answer) an MCQ, fill-blank or writing question before the deadline' })
  @ApiEnvelope(AnswerReceiptDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  answer(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitAnswerDto, @CurrentUser() user: AuthUser): Promise<AnswerReceiptDto> {
    return this.answers.submitText(id, user, dto);
  }

  @Post(':id/answers/audio')
  @HttpCode(HttpStatus.OK)
  @Roles(UserRole.AGENT)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['questionId', 'file'],
      properties: {
        questionId: { type: 'string', format: 'uuid' },
        file: { type: 'string', format: 'binary', description: 'The recording (WebM, Ogg, MP3, WAV, MP4/M4A, AAC, FLAC)' },
      },
    },
  })
  @ApiOperation({ summary: 'Answer a speaking question with a recording; it is transcribed and scored in the background' })
  @ApiEnvelope(AnswerReceiptDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  audioAnswer(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() fields: AudioAnswerFieldsDto,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<AnswerReceiptDto> {
    return this.answers.submitAudio(id, user, fields.questionId, file?.buffer);
  }

  @Post(':id/violations')
  @HttpCode(HttpStatus.CREATED)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Report a monitored event; critical ones, or too many violations, submit the test' })
  @ApiEnvelope(ViolationReceiptDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  violation(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ViolationDto, @CurrentUser() user: AuthUser): Promise<ViolationReceiptDto> {
    return this.monitoring.recordViolation(id, user, dto);
  }

  @Get(':id/logs')
  @Authenticated()
  @ApiOperation({ summary: 'Warnings and violations of a session, with appeal state' })
  @ApiEnvelope(ProctoringLogDto, { isArray: true })
  @ApiErrors(HttpStatus.NOT_FOUND)
  logs(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<ProctoringLogDto[]> {
    return this.monitoring.logs(id, user);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Submit the test (once)' })
  @ApiEnvelope(ResultDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  submit(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<ResultDto> {
    return this.sessions.submit(id, user);
  }

  @Get(':id/result')
  @Authenticated()
  @ApiOperation({ summary: 'The result with its per-section breakdown; ready once pending scoring and review are done' })
  @ApiEnvelope(ResultDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  result(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<ResultDto> {
    return this.sessions.result(id, user);
  }

  @Patch(':id/review')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Record the proctoring review of a flagged session (a second review needs another reviewer)' })
  @ApiEnvelope(ResultDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  review(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewSessionDto, @CurrentUser() user: AuthUser): Promise<ResultDto> {
    return this.sessions.review(id, dto, user);
  }
}
