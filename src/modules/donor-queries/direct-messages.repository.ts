import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service.js';

/** Messages between two staff members; every read is scoped to a conversation the caller is part of. */
@Injectable()
export class DirectMessagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(senderId: string, recipientId: string, content: string) {
    return this.prisma.directMessage.create({ data: { senderId, recipientId, content } });
  }

  /** A page of the conversation between `userId` and `otherId` before `before`, oldest first; null for a foreign cursor. */
  async conversationForUser(userId: string, otherId: string, before: string | undefined, limit: number) {
    const between = { OR: [{ senderId: userId, recipientId: otherId }, { senderId: otherId, recipientId: userId }] };
    let cursor: { createdAt: Date; id: string } | null = null;
    if (before) {
      cursor = await this.prisma.directMessage.findFirst({ where: { id: before, ...between }, select: { createdAt: true, id: true } });
      if (!cursor) return null;
    }
    const rows = await this.prisma.directMessage.findMany({
      where: {
        AND: [between, ...(cursor ? [{ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] : [])],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return { items: rows.slice(0, limit).reverse(), more: rows.length > limit };
  }

  markReadForRecipient(recipientId: string, senderId: string) {
    return this.prisma.directMessage
      .updateMany({ where: { recipientId, senderId, readAt: null }, data: { readAt: new Date() } })
      .then((result) => result.count);
  }
}
