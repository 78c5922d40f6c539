import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { badRequest, notFound } from '../../common/http/app-error.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { ack, ClientEvent } from '../../common/ws/client-event.decorator.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { SocketRateLimiter } from '../../infra/realtime/socket-rate-limiter.js';
import { UsersService } from '../users/index.js';
import { ChatPipelineService } from './chat-pipeline.service.js';
import { CHAT_MESSAGE_RATE_LIMIT } from './chat-rate-limit.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationRefDto, ConversationRefPipe, SocketMessageDto, SocketReadDto, type ConversationRef } from './dto/socket.dto.js';
import { MessagesService } from './messages.service.js';

/** Chat events from clients (who may send each is declared in the realtime contract); answers travel back through the acknowledgement. */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
export class ChatGateway {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly pipeline: ChatPipelineService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
    private readonly rateLimiter: SocketRateLimiter,
  ) {}

  /** Owner or staff only; anyone else gets the same 404 as for a missing conversation. */
  @ClientEvent('conversation:join')
  async join(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody(ConversationRefPipe) dto: ConversationRef) {
    await this.conversations.visible(user, dto.conversationId);
    await socket.join(rooms.conversation(dto.conversationId));
    return ack({ conversationId: dto.conversationId });
  }

  @ClientEvent('conversation:leave')
  async leave(@ConnectedSocket() socket: AppSocket, @MessageBody(ConversationRefPipe) dto: ConversationRef) {
    await socket.leave(rooms.conversation(dto.conversationId));
    return ack({ conversationId: dto.conversationId });
  }

  @ClientEvent('typing:start')
  @UsePipes(createValidationPipe())
  async typingStart(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody() dto: ConversationRefDto) {
    this.assertJoined(socket, dto.conversationId);
    const summary = await this.users.getSummary(user.id);
    this.realtime.toRoom(rooms.conversation(dto.conversationId), 'typing:user', {
      conversationId: dto.conversationId,
      userId: user.id,
      userName: summary?.name ?? '',
    });
    return ack({ conversationId: dto.conversationId });
  }

  @ClientEvent('typing:stop')
  @UsePipes(createValidationPipe())
  typingStop(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody() dto: ConversationRefDto) {
    this.assertJoined(socket, dto.conversationId);
    this.realtime.toRoom(rooms.conversation(dto.conversationId), 'typing:stop', { conversationId: dto.conversationId, userId: user.id });
    return ack({ conversationId: dto.conversationId });
  }

  /** The HTTP route's pipeline, counted against the same per-user message limit. */
  @ClientEvent('message:new')
  @UsePipes(createValidationPipe())
  async newMessage(@CurrentUser() user: AuthUser, @MessageBody() dto: SocketMessageDto) {
    await this.rateLimiter.consume(CHAT_MESSAGE_RATE_LIMIT, `user:${user.id}`);
    const text = dto.content ?? dto.message;
    if (!text) throw badRequest('VALIDATION_FAILED', 'The request is invalid', [{ field: 'content', message: 'content should not be empty' }]);
    return ack(await this.pipeline.send(user, dto.conversationId, text));
  }

  @ClientEvent('message:read')
  @UsePipes(createValidationPipe())
  async read(@CurrentUser() user: AuthUser, @MessageBody() dto: SocketReadDto) {
    return ack(await this.messages.markRead(user, dto.conversationId, dto.messageIds));
  }

  /** A client generating an AI answer tells the staff watching the conversation (the sender's own sockets excluded). */
  @ClientEvent('ai:responding')
  @UsePipes(createValidationPipe())
  aiResponding(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody() dto: ConversationRefDto) {
    this.assertJoined(socket, dto.conversationId);
    this.realtime.toRoom(
      rooms.conversation(dto.conversationId),
      'ai:responding',
      { conversationId: dto.conversationId, userId: user.id },
      { except: rooms.user(user.id) },
    );
    return ack({ conversationId: dto.conversationId });
  }

  /** Typing and ai:responding are relayed only for rooms the socket joined (which checked access). */
  private assertJoined(socket: AppSocket, conversationId: string): void {
    if (!socket.rooms.has(rooms.conversation(conversationId))) throw notFound('Conversation');
  }
}
