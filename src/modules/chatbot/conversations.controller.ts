import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { CHAT_MESSAGE_RATE_LIMIT } from './chat-rate-limit.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ChatPipelineService } from './chat-pipeline.service.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationDto, ConversationQueryDto, CreateConversationDto, EscalateDto, SubmitCsatDto, UpdateConversationDto } from './dto/conversation.dto.js';
import { EscalationResultDto } from './dto/escalation.dto.js';
import { MessageDto, MessageQueryDto, ReadMessagesDto, ReadResultDto, SendMessageDto, SendMessageResultDto } from './dto/message.dto.js';
import { MessagesService } from './messages.service.js';

const id = () => Param('id', ParseUUIDPipe);

@ApiTags('Conversations')
@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly pipeline: ChatPipelineService,
  ) {}

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Start a conversation with the support assistant' })
  @ApiEnvelope(ConversationDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateConversationDto) {
    return this.conversations.create(user, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Own conversations (not the deleted ones); staff see all, with filters; ?search= over titles and messages' })
  @ApiEnvelope(ConversationDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@CurrentUser() user: AuthUser, @Query() query: ConversationQueryDto) {
    return this.conversations.list(user, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One conversation (owner or staff)' })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @id() conversationId: string) {
    return this.conversations.get(user, conversationId);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Rename or recategorise (owner); change status or assignment (staff)' })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  update(@CurrentUser() user: AuthUser, @id() conversationId: string, @Body() dto: UpdateConversationDto) {
    return this.conversations.update(user, conversationId, dto);
  }

  @Delete(':id')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an own conversation (archived: gone for the owner, kept for staff and analytics)',
    description: "404 for someone else's conversation and afterwards for the owner; 403 for staff on a conversation that is not theirs.",
  })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND)
  archive(@CurrentUser() user: AuthUser, @id() conversationId: string): Promise<void> {
    return this.conversations.archive(user, conversationId);
  }

  @Post(':id/escalate')
  @Authenticated()
  @ApiOperation({ summary: 'Hand the conversation to a human: support ticket with a handover summary' })
  @ApiEnvelope(EscalationResultDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  escalate(@CurrentUser() user: AuthUser, @id() conversationId: string, @Body() dto: EscalateDto) {
    return this.conversations.escalate(user, conversationId, dto);
  }

  @Post(':id/join')
  @Roles(...STAFF_ROLES)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A support agent takes over the conversation (conversation:agent_joined)' })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  join(@CurrentUser() user: AuthUser, @id() conversationId: string) {
    return this.conversations.join(user, conversationId);
  }

  @Post(':id/csat')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rate a resolved conversation 1-5 with an optional comment (owner, once)' })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  csat(@CurrentUser() user: AuthUser, @id() conversationId: string, @Body() dto: SubmitCsatDto) {
    return this.conversations.submitCsat(user, conversationId, dto);
  }

  @Get(':id/messages')
  @Authenticated()
  @ApiOperation({ summary: 'Messages of a conversation, oldest first (owner or staff)' })
  @ApiEnvelope(MessageDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  messagesOf(@CurrentUser() user: AuthUser, @id() conversationId: string, @Query() query: MessageQueryDto) {
    return this.messages.list(user, conversationId, query);
  }

  @Post(':id/messages')
  @Authenticated()
  @RateLimit({ ...CHAT_MESSAGE_RATE_LIMIT, per: 'user' })
  @ApiOperation({
    summary: 'Send a message: moderation, sentiment, FAQ-first answer or the AI (streamed as ai:chunk)',
    description: 'Staff posting to a conversation reply as a human agent; aiMessage is then null.',
  })
  @ApiEnvelope(SendMessageResultDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  @ApiIdempotencyKey(
    'A retry with the same key (same caller, conversation and content) returns the first result, the message and its answer, and writes nothing; ' +
      '409 IDEMPOTENCY_KEY_IN_USE while the first request is still answering, 422 IDEMPOTENCY_KEY_REUSED for a different message',
  )
  send(@CurrentUser() user: AuthUser, @id() conversationId: string, @Body() dto: SendMessageDto, @IdempotencyKey() idempotencyKey?: string) {
    return this.pipeline.send(user, conversationId, dto.content, idempotencyKey);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Read receipts for messages of others (message:read)' })
  @ApiEnvelope(ReadResultDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  read(@CurrentUser() user: AuthUser, @id() conversationId: string, @Body() dto: ReadMessagesDto) {
    return this.messages.markRead(user, conversationId, dto.messageIds);
  }
}
