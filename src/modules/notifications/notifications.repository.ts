import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

export interface NewNotification {
  type: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  createForUsers(userIds: string[], notification: NewNotification) {
    const data = notification.data as Prisma.InputJsonObject;
    return this.prisma.$transaction(userIds.map((userId) => this.prisma.notification.create({ data: { ...notification, data, userId } })));
  }

  listForUser(userId: string, unreadOnly: boolean, skip: number, take: number) {
    const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
    return Promise.all([
      this.prisma.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.prisma.notification.count({ where }),
    ]);
  }

  countUnread(userId: string) {
    return this.prisma.notification.count({ where: { userId, readAt: null } });
  }

  findByIdForUser(id: string, userId: string) {
    return this.prisma.notification.findFirst({ where: { id, userId } });
  }

  /** Marks one notification read (first read time wins) and returns it; null when not the user's. */
  async markReadForUser(id: string, userId: string) {
    await this.prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
    return this.findByIdForUser(id, userId);
  }

  markAllReadForUser(userId: string) {
    return this.prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } }).then((result) => result.count);
  }
}
