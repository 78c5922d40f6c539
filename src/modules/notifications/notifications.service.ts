import { Injectable, Logger } from '@nestjs/common';
import { foundOr404 } from '../../common/auth/ownership.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import type { UserRole } from '../../generated/prisma/enums.js';
import { PushProvider } from '../../infra/push/push.provider.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { UsersService } from '../users/index.js';
import { ListNotificationsQueryDto, NotificationDto, toNotificationDto } from './dto/notification.dto.js';
import { type NotificationData, type NotificationType, toPushData } from './notification-types.js';
import { NotificationsRepository } from './notifications.repository.js';
import { PUSH_QUEUE } from './push.jobs.js';

export interface NewNotification {
  type: NotificationType;
  title: string;
  body: string;
  data: NotificationData;
}

/**
 * The one way anything notifies a user: a stored row per recipient (so `GET /notifications` and the
 * unread count show it to an app that was offline), `notification:new` with that row to the
 * recipient's sockets, and a job on the `push` queue per recipient (FCM to the device token, if any).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly realtime: RealtimeService,
    private readonly push: PushProvider,
    private readonly queue: JobQueue,
    private readonly users: UsersService,
  ) {}

  async notify(userIds: readonly string[], notification: NewNotification): Promise<void> {
    const recipients = [...new Set(userIds)];
    if (!recipients.length) return;
    const data = toPushData(notification.data);
    const rows = await this.notifications.createForUsers(recipients, { ...notification, data });
    for (const row of rows) this.realtime.toUser(row.userId, 'notification:new', toNotificationDto(row));
    if (!this.push.enabled) return;
    try {
      await Promise.all(
        rows.map((row) =>
          this.queue.add(PUSH_QUEUE, {
            userId: row.userId,
            title: notification.title,
            body: notification.body,
            data: { type: notification.type, notificationId: row.id, ...data },
          }),
        ),
      );
    } catch (error) {
      // The notifications are stored and delivered in-app; a queue outage costs only the push.
      this.logger.error({ msg: 'Could not queue push notifications', err: error });
    }
  }

  /** Notifies every active user with one of `roles` (e.g. the admins about a new dispute). */
  async notifyRoles(roles: readonly UserRole[], notification: NewNotification, except: readonly string[] = []): Promise<void> {
    const ids = await this.users.listActiveIdsWithRoles(roles);
    await this.notify(
      ids.filter((id) => !except.includes(id)),
      notification,
    );
  }

  /** Resolves when the push queue has no job left to run (tests). */
  settled(): Promise<void> {
    return this.queue.idle(PUSH_QUEUE);
  }

  async list(userId: string, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const { skip, take } = pageArgs(query);
    const { rows, total } = await this.notifications.listForUser(userId, query.unread === true, skip, take);
    return toPage(rows, total, query, toNotificationDto);
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.countUnread(userId);
  }

  async markRead(id: string, userId: string): Promise<NotificationDto> {
    return toNotificationDto(foundOr404(await this.notifications.markReadForUser(id, userId), 'Notification'));
  }

  markAllRead(userId: string): Promise<number> {
    return this.notifications.markAllReadForUser(userId);
  }
}
