import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.js';
import { RawResponse } from '../../common/http/envelope.interceptor.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CreateSubmissionDto, ListPaymentsQueryDto, PaymentResponseDto, ReviewSubmissionDto, SubmissionResponseDto } from './dto/submission.dto.js';
import { SubmissionsService } from './submissions.service.js';

const PARTIES_AND_STAFF = ['AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT'] as const;

@ApiTags('Submissions and payments')
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get('submissions/:id')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: 'One submission' })
  @ApiEnvelope(SubmissionResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionResponseDto> {
    return this.submissions.get(user, id);
  }

  @Post('submissions/:id/files')
  @Roles('AGENT')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Attach a deliverable file (image or PDF, checked from the bytes)' })
  @ApiEnvelope(SubmissionResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  attach(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedMultipartFile | undefined,
  ): Promise<SubmissionResponseDto> {
    return this.submissions.attachFile(user, id, file);
  }

  @Get('submissions/:id/files/:index')
  @Roles(...PARTIES_AND_STAFF)
  @RawResponse()
  @ApiOperation({ summary: 'Download a deliverable file' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  file(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('index', ParseIntPipe) index: number): Promise<StreamableFile> {
    return this.submissions.file(user, id, index);
  }

  @Patch('submissions/:id/review')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Review work: APPROVED (fixes the worked minutes it pays), REJECTED or REWORK_NEEDED (capped rounds)' })
  @ApiEnvelope(SubmissionResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  review(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewSubmissionDto): Promise<SubmissionResponseDto> {
    return this.submissions.review(user, id, dto);
  }

  @Post('submissions/:id/rework')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Resubmit work marked REWORK_NEEDED' })
  @ApiEnvelope(SubmissionResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  rework(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSubmissionDto): Promise<SubmissionResponseDto> {
    return this.submissions.rework(user, id, dto);
  }

  @Post('submissions/:id/payments')
  @Roles('CLIENT', 'SUPER_ADMIN', 'ADMIN')
  @ApiIdempotencyKey('Same key → same payment; a submission is never paid twice', true)
  @ApiOperation({
    summary: 'Pay approved work: worked minutes × hourly rate, recorded in the platform ledger (work with nothing to pay is settled as 0 at approval)',
  })
  @ApiEnvelope(PaymentResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  pay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IdempotencyKey({ required: true }) key: string): Promise<PaymentResponseDto> {
    return this.submissions.pay(user, id, key);
  }

  @Get('payments')
  @Roles(...PARTIES_AND_STAFF)
  @ApiOperation({ summary: 'Payments of my gigs; staff: all' })
  @ApiEnvelope(PaymentResponseDto, { paginated: true })
  payments(@CurrentUser() user: AuthUser, @Query() query: ListPaymentsQueryDto): Promise<Page<PaymentResponseDto>> {
    return this.submissions.payments(user, query);
  }
}
