import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { countedPage } from '../../infra/database/sql/counted-page.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import type { StatementRow } from '../../infra/database/sql/statement.js';
import {
  countNotifications,
  countUnreadNotifications,
  insertNotifications,
  listNotifications,
  listUnreadNotifications,
  markNotificationRead,
} from './notifications.sql.js';

export interface StoredNotification {
  type: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

export type NotificationRow = StatementRow<typeof insertNotifications>;

/** The list, the unread count, creation and marking one read run as typed SQL (every user polls them). */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly sql: SqlService,
    private readonly db: TransactionHost,
  ) {}

  createForUsers(userIds: string[], notification: StoredNotification): Promise<NotificationRow[]> {
    return this.sql.query(insertNotifications, [userIds, notification.type, notification.title, notification.body, notification.data]);
  }

  async listForUser(userId: string, unreadOnly: boolean, skip: number, take: number): Promise<{ rows: NotificationRow[]; total: number }> {
    const rows = await this.sql.query(unreadOnly ? listUnreadNotifications : listNotifications, [userId, take, skip]);
    return countedPage(rows, skip, async () => (await this.sql.one(unreadOnly ? countUnreadNotifications : countNotifications, [userId])).count);
  }

  async countUnread(userId: string): Promise<number> {
    return (await this.sql.one(countUnreadNotifications, [userId])).count;
  }

  /** Marks one notification read (first read time wins) and returns it; undefined when not the user's. */
  markReadForUser(id: string, userId: string): Promise<NotificationRow | undefined> {
    return this.sql.maybeOne(markNotificationRead, [id, userId]);
  }

  markAllReadForUser(userId: string) {
    return this.db.client.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } }).then((result) => result.count);
  }
}
