import { Injectable, Logger } from '@nestjs/common';
import { foundOr404 } from '../../common/auth/ownership.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import { PushProvider } from '../../infra/push/push.provider.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { ListNotificationsQueryDto, NotificationDto } from './dto/notification.dto.js';
import { NewNotification, NotificationsRepository } from './notifications.repository.js';
import { PUSH_QUEUE } from './push.jobs.js';

export const NOTIFICATION_EVENT = 'notification:new';

/**
 * In-app notifications: one row per recipient, `notification:new` to the recipient's sockets, and
 * a job on the `push` queue per recipient (FCM when the recipient has a device token and no open socket).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly realtime: RealtimeService,
    private readonly push: PushProvider,
    private readonly queue: JobQueue,
  ) {}

  async notify(userIds: readonly string[], notification: NewNotification): Promise<void> {
    const recipients = [...new Set(userIds)];
    if (!recipients.length) return;
    const rows = await this.notifications.createForUsers(recipients, notification);
    for (const row of rows) this.realtime.toUser(row.userId, NOTIFICATION_EVENT, NotificationDto.from(row));
    if (!this.push.enabled) return;
    const data = { type: notification.type, ...notification.data };
    try {
      await Promise.all(recipients.map((userId) => this.queue.add(PUSH_QUEUE, { userId, title: notification.title, body: notification.body, data })));
    } catch (error) {
      // The notifications are stored and delivered in-app; a queue outage costs only the push.
      this.logger.error({ err: error }, 'Could not queue push notifications');
    }
  }

  /** Resolves when the push queue has no job left to run (tests). */
  settled(): Promise<void> {
    return this.queue.idle(PUSH_QUEUE);
  }

  async list(userId: string, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const { skip, take } = pageArgs(query);
    const { rows, total } = await this.notifications.listForUser(userId, query.unread === true, skip, take);
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
}
