import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import { PushProvider } from '../../infra/push/push.provider.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { UsersService } from '../users/users.service.js';
import { ListNotificationsQueryDto, NotificationDto } from './dto/notification.dto.js';
import { NewNotification, NotificationsRepository } from './notifications.repository.js';

export const NOTIFICATION_EVENT = 'notification:new';

/**
 * In-app notifications: one row per recipient, `notification:new` to the recipient's sockets, and
 * an FCM push to recipients who have a device token and no open socket.
 */
@Injectable()
export class NotificationsService implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly realtime: RealtimeService,
    private readonly push: PushProvider,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async notify(userIds: readonly string[], notification: NewNotification): Promise<void> {
    const recipients = [...new Set(userIds)];
    if (!recipients.length) return;
    const rows = await this.notifications.createForUsers(recipients, notification);
    for (const row of rows) this.realtime.toUser(row.userId, NOTIFICATION_EVENT, NotificationDto.from(row));
    if (!this.push.enabled) return;
    // Push runs after the answer: a slow FCM round trip must not hold up the request that caused it.
    const task = this.pushToOffline(recipients, notification).finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  /** Resolves when every push started so far has finished (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async list(userId: string, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const { skip, take } = pageArgs(query);
    const [rows, total] = await this.notifications.listForUser(userId, query.unread === true, skip, take);
    return toPage(rows, total, query, NotificationDto.from);
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.countUnread(userId);
  }

  async markRead(id: string, userId: string): Promise<NotificationDto> {
    return NotificationDto.from(foundOr404(await this.notifications.markReadForUser(id, userId), 'Notification'));
  }

  markAllRead(userId: string): Promise<number> {
    return this.notifications.markAllReadForUser(userId);
  }

  private async pushToOffline(userIds: string[], notification: NewNotification): Promise<void> {
    for (const userId of userIds) {
      try {
        if ((await this.realtime.socketCount(rooms.user(userId))) > 0) continue;
        const token = await this.users.getFcmToken(userId);
        if (!token) continue;
        const result = await this.push.send(token, { title: notification.title, body: notification.body, data: { type: notification.type, ...notification.data } });
        if (result === 'invalid-token') await this.events.emit('push.token-invalid', { userId, token });
      } catch (error) {
        this.logger.warn(`Push to ${userId} failed: ${(error as Error).message}`);
      }
    }
  }
}
