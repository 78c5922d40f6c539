import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Authenticated } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { badRequest, notFound } from '../../common/http/app-error.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { UsersService } from '../users/users.service.js';
import { ChatPipelineService } from './chat-pipeline.service.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationRefDto, ConversationRefPipe, SocketMessageDto, SocketReadDto, type ConversationRef } from './dto/socket.dto.js';
import { MessagesService } from './messages.service.js';

const ok = <T>(data: T) => ({ success: true as const, data });

/** Chat events from clients; answers travel back through the acknowledgement. */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
export class ChatGateway {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly pipeline: ChatPipelineService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
  ) {}

  /** Owner or staff only; anyone else gets the same 404 as for a missing conversation. */
  @SubscribeMessage('conversation:join')
  @Authenticated()
  async join(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody(ConversationRefPipe) dto: ConversationRef) {
    await this.conversations.visible(user, dto.conversationId);
    await socket.join(rooms.conversation(dto.conversationId));
    return ok({ conversationId: dto.conversationId });
  }

  @SubscribeMessage('conversation:leave')
  @Authenticated()
  async leave(@ConnectedSocket() socket: AppSocket, @MessageBody(ConversationRefPipe) dto: ConversationRef) {
    await socket.leave(rooms.conversation(dto.conversationId));
    return ok({ conversationId: dto.conversationId });
  }

  @SubscribeMessage('typing:start')
  @Authenticated()
  @UsePipes(createValidationPipe())
  async typingStart(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody() dto: ConversationRefDto) {
    this.assertJoined(socket, dto.conversationId);
    const summary = await this.users.getSummary(user.id);
    this.realtime.toRoom(rooms.conversation(dto.conversationId), 'typing:user', { conversationId: dto.conversationId, userId: user.id, userName: summary?.name ?? '' });
    return ok({ conversationId: dto.conversationId });
  }

  @SubscribeMessage('typing:stop')
  @Authenticated()
  @UsePipes(createValidationPipe())
  typingStop(@ConnectedSocket() socket: AppSocket, @CurrentUser() user: AuthUser, @MessageBody() dto: ConversationRefDto) {
    this.assertJoined(socket, dto.conversationId);
    this.realtime.toRoom(rooms.conversation(dto.conversationId), 'typing:stop', { conversationId: dto.conversationId, userId: user.id });
    return ok({ conversationId: dto.conversationId });
  }

  @SubscribeMessage('message:new')
  @Authenticated()
  @UsePipes(createValidationPipe())
  async newMessage(@CurrentUser() user: AuthUser, @MessageBody() dto: SocketMessageDto) {
    const text = dto.content ?? dto.message;
    if (!text) throw badRequest('VALIDATION_FAILED', 'The request is invalid', [{ field: 'content', message: 'content should not be empty' }]);
    return ok(await this.pipeline.send(user, dto.conversationId, text));
  }

  @SubscribeMessage('message:read')
  @Authenticated()
  @UsePipes(createValidationPipe())
  async read(@CurrentUser() user: AuthUser, @MessageBody() dto: SocketReadDto) {
    return ok(await this.messages.markRead(user, dto.conversationId, dto.messageIds));
  }

  /** Typing is relayed only for rooms the socket joined (which checked access). */
  private assertJoined(socket: AppSocket, conversationId: string): void {
    if (!socket.rooms.has(rooms.conversation(conversationId))) throw notFound('Conversation');
  }
}
