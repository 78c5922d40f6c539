import { Injectable } from '@nestjs/common';
import { Prisma, type Conversation, type SupportTicket } from '../../generated/prisma/client.js';
import type { ChatCategory, ChatSentiment, ConversationStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import {
  archiveConversation,
  countAllConversations,
  countOwnConversations,
  findVisibleConversation,
  listAllConversations,
  listOwnConversations,
} from './conversations.sql.js';

/** Who is looking: staff see every conversation, everyone else only their own. */
export interface Viewer {
  id: string;
  staff: boolean;
}

/**
 * The list filters; `userId`, `assignedAgentId` and `archived` are staff-only (a customer's list is
 * their own, without the conversations they deleted). `search` matches titles and message text.
 */
export interface ConversationFilter {
  status?: ConversationStatus;
  sentiment?: ChatSentiment;
  category?: ChatCategory;
  userId?: string;
  assignedAgentId?: string;
  from?: Date;
  to?: Date;
  archived?: boolean;
  search?: string;
}

/**
 * Conversations. Reading one (every chat request does) and the list are typed SQL on the pool; the
 * state changes stay on the ORM.
 */
@Injectable()
export class ConversationsRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  create(data: Prisma.ConversationUncheckedCreateInput): Promise<Conversation> {
    return this.db.client.conversation.create({ data });
  }

  async findVisible(id: string, viewer: Viewer): Promise<Conversation | null> {
    return (await this.sql.maybeOne(findVisibleConversation, [id, viewer.staff, viewer.id])) ?? null;
  }

  async list(viewer: Viewer, filter: ConversationFilter, page: { skip: number; take: number }): Promise<{ items: Conversation[]; total: number }> {
    const params = [
      viewer.staff ? (filter.userId ?? null) : viewer.id,
      filter.status ?? null,
      filter.sentiment ?? null,
      filter.category ?? null,
      viewer.staff ? (filter.assignedAgentId ?? null) : null,
      filter.from ?? null,
      filter.to ?? null,
      viewer.staff ? (filter.archived ?? null) : null,
      filter.search || null,
    ] as const;
    const rows = await this.sql.query(viewer.staff ? listAllConversations : listOwnConversations, [...params, page.take, page.skip]);
    if (rows.length) return { items: rows.map(({ total: _total, ...conversation }) => conversation), total: rows[0].total };
    const total = page.skip === 0 ? 0 : (await this.sql.one(viewer.staff ? countAllConversations : countOwnConversations, params)).total;
    return { items: [], total };
  }

  /** Archives `ownerId`'s conversation; null when it is not theirs or already archived. */
  async archive(id: string, ownerId: string): Promise<Conversation | null> {
    return (await this.sql.maybeOne(archiveConversation, [id, ownerId])) ?? null;
  }

  update(id: string, data: Prisma.ConversationUncheckedUpdateInput): Promise<Conversation> {
    return this.db.client.conversation.update({ where: { id }, data });
  }

  /** Moves the status only if it is still `from`; null when another request changed it first. */
  async transition(id: string, from: ConversationStatus, data: Prisma.ConversationUncheckedUpdateManyInput): Promise<Conversation | null> {
    const { count } = await this.db.client.conversation.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.db.client.conversation.findUnique({ where: { id } }) : null;
  }

  /** Assigns a human only if nobody is assigned yet; null when another agent won. */
  async assignIfFree(id: string, agentId: string): Promise<Conversation | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.conversation.updateMany({
        where: { id, assignedAgentId: null, status: { not: 'RESOLVED' } },
        data: { assignedAgentId: agentId, isAgentInvolved: true },
      });
      if (count !== 1) return null;
      await tx.supportTicket.updateMany({ where: { conversationId: id, status: 'OPEN' }, data: { status: 'IN_PROGRESS', assignedAgentId: agentId } });
      return tx.conversation.findUnique({ where: { id } });
    });
  }

  /** ACTIVE → ESCALATED, the ticket and the system note, in one transaction; null if no longer ACTIVE. */
  async escalate(
    id: string,
    ticket: Omit<Prisma.SupportTicketUncheckedCreateInput, 'conversationId'>,
    note: string,
  ): Promise<{ conversation: Conversation; ticket: SupportTicket } | null> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.conversation.updateMany({
        where: { id, status: 'ACTIVE' },
        data: { status: 'ESCALATED', totalMessages: { increment: 1 }, lastMessageAt: new Date() },
      });
      if (count !== 1) return null;
      const created = await tx.supportTicket.create({ data: { ...ticket, conversationId: id } });
      await tx.message.create({ data: { conversationId: id, senderType: 'SYSTEM', content: note, metadata: { ticketId: created.id } } });
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { id } });
      return { conversation, ticket: created };
    });
  }

  /** Records the CSAT once, only on a resolved conversation of `userId`. */
  async submitCsat(id: string, userId: string, rating: number, comment: string | null): Promise<Conversation | null> {
    const { count } = await this.db.client.conversation.updateMany({
      where: { id, userId, status: 'RESOLVED', csatRating: null, archivedAt: null },
      data: { csatRating: rating, csatComment: comment, csatAt: new Date() },
    });
    return count === 1 ? this.db.client.conversation.findUnique({ where: { id } }) : null;
  }
}
