import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import { directMessageByKey, directMessageExists, directMessagesBefore } from './donor-queries.sql.js';
import type { DirectMessageFields } from './dto/direct-message.dto.js';

/** Messages between two staff members; every read is scoped to a conversation the caller is part of. */
@Injectable()
export class DirectMessagesRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  /**
   * Stores a message. With an idempotency key the sender already used towards this recipient, writes
   * nothing and returns the stored message as `replayed`.
   */
  async create(senderId: string, recipientId: string, content: string, idempotencyKey?: string): Promise<{ message: DirectMessageFields; replayed: boolean }> {
    try {
      return { message: await this.db.client.directMessage.create({ data: { senderId, recipientId, content, idempotencyKey } }), replayed: false };
    } catch (error) {
      if (!idempotencyKey || !(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      const stored = await this.sql.maybeOne(directMessageByKey, [senderId, recipientId, idempotencyKey]);
      if (!stored) throw error;
      return { message: stored, replayed: true };
    }
  }

  /** A page of the conversation between `userId` and `otherId` before `before`, oldest first; null for a foreign cursor. */
  async conversationForUser(
    userId: string,
    otherId: string,
    before: string | undefined,
    limit: number,
  ): Promise<{ items: DirectMessageFields[]; more: boolean } | null> {
    const rows = await this.sql.query(directMessagesBefore, [userId, otherId, before ?? null, limit + 1]);
    if (rows.length === 0 && before && !(await this.sql.one(directMessageExists, [before, userId, otherId])).exists) return null;
    return { items: rows.slice(0, limit).reverse(), more: rows.length > limit };
  }

  markReadForRecipient(recipientId: string, senderId: string) {
    return this.db.client.directMessage
      .updateMany({ where: { recipientId, senderId, readAt: null }, data: { readAt: new Date() } })
      .then((result) => result.count);
  }
}
