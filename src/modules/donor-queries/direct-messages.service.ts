import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { badRequest, notFound } from '../../common/http/app-error.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { DirectMessagesRepository } from './direct-messages.repository.js';
import { replayOf } from './idempotent-replay.js';
import { MessageHistoryQueryDto } from './dto/donor-message.dto.js';
import { DirectMessageDto, DirectMessagePageDto, toDirectMessageDto } from './dto/direct-message.dto.js';

export const DIRECT_MESSAGE_EVENT = 'message:direct';

/** Direct messages between desk staff. */
@Injectable()
export class DirectMessagesService {
  constructor(
    private readonly messages: DirectMessagesRepository,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
    private readonly notifications: NotificationsService,
  ) {}

  /** With an idempotency key, a retry returns the message the first request stored and emits and notifies nothing. */
  async send(sender: AuthUser, recipientId: string, content: string, idempotencyKey?: string): Promise<DirectMessageDto> {
    if (recipientId === sender.id) throw badRequest('INVALID_RECIPIENT', 'You cannot message yourself');
    const recipient = await this.users.findActiveWithRole(recipientId, STAFF_ROLES);
    if (!recipient) throw badRequest('INVALID_RECIPIENT', 'Direct messages go to another active staff member');
    const { message, replayed } = await this.messages.create(sender.id, recipient.id, content, idempotencyKey);
    if (replayed) return toDirectMessageDto(replayOf(message, content));
    const dto = toDirectMessageDto(message);
    this.realtime.toUser(recipient.id, DIRECT_MESSAGE_EVENT, dto);
    this.realtime.toUser(sender.id, DIRECT_MESSAGE_EVENT, dto);
    const senderName = (await this.users.getSummary(sender.id))?.name ?? 'A colleague';
    await this.notifications.notify([recipient.id], {
      type: 'direct.message',
      title: `Message from ${senderName}`,
      body: content.slice(0, 200),
      data: { senderId: sender.id, messageId: dto.id },
    });
    return dto;
  }

  async conversation(user: AuthUser, otherId: string, page: MessageHistoryQueryDto): Promise<DirectMessagePageDto> {
    if (!(await this.users.getSummary(otherId))) throw notFound('User');
    const result = await this.messages.conversationForUser(user.id, otherId, page.before, page.limit);
    if (!result) throw notFound('Message');
    return { items: result.items.map(toDirectMessageDto), nextCursor: result.more ? (result.items[0]?.id ?? null) : null };
  }

  markRead(user: AuthUser, otherId: string): Promise<number> {
    return this.messages.markReadForRecipient(user.id, otherId);
  }
}
