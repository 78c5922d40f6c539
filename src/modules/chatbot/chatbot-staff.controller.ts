import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CustomQuestionsService } from './custom-questions.service.js';
import {
  CreateCustomQuestionDto,
  CustomQuestionDto,
  CustomQuestionQueryDto,
  PublishCustomQuestionDto,
  PublishedCustomQuestionDto,
  UpdateCustomQuestionDto,
} from './dto/custom-question.dto.js';
import { SupportTicketDto, SupportTicketQueryDto, UpdateSupportTicketDto } from './dto/support-ticket.dto.js';
import { SupportTicketsService } from './support-tickets.service.js';

@ApiTags('Chatbot inbox')
@Controller('chatbot')
export class ChatbotStaffController {
  constructor(
    private readonly questions: CustomQuestionsService,
    private readonly tickets: SupportTicketsService,
  ) {}

  @Post('custom-questions')
  @Authenticated()
  @ApiOperation({ summary: 'Ask the support team a question the assistant could not answer' })
  @ApiEnvelope(CustomQuestionDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  ask(@CurrentUser() user: AuthUser, @Body() dto: CreateCustomQuestionDto) {
    return this.questions.ask(user, dto);
  }

  @Get('custom-questions')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The inbox of unanswered questions, near-duplicates grouped (staff)' })
  @ApiEnvelope(CustomQuestionDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  listQuestions(@Query() query: CustomQuestionQueryDto) {
    return this.questions.list(query);
  }

  @Patch('custom-questions/:id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Answer, dismiss, or answer and publish as an FAQ in one step (staff)' })
  @ApiEnvelope(CustomQuestionDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  answer(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCustomQuestionDto) {
    return this.questions.update(user, id, dto);
  }

  @Post('custom-questions/:id/faq')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Publish an inbox question as an FAQ with the answer, in one step (staff)',
    description:
      'Creates the FAQ and marks the question CONVERTED in one transaction; the next customer asking is answered from the FAQ. 409 when it is no longer open.',
  })
  @ApiEnvelope(PublishedCustomQuestionDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PublishCustomQuestionDto) {
    return this.questions.publish(user, id, dto);
  }

  @Get('support-tickets')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Escalation tickets with handover summaries (staff)' })
  @ApiEnvelope(SupportTicketDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  listTickets(@Query() query: SupportTicketQueryDto) {
    return this.tickets.list(query);
  }

  @Patch('support-tickets/:id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Triage a ticket: status, priority, assignee, resolution notes (staff)' })
  @ApiEnvelope(SupportTicketDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  updateTicket(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSupportTicketDto) {
    return this.tickets.update(user, id, dto);
  }
}
