import { Injectable } from '@nestjs/common';
import { Prisma, type Conversation, type SupportTicket } from '../../generated/prisma/client.js';
import type { ConversationStatus } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

/** Who is looking: staff see every conversation, everyone else only their own. */
export interface Viewer {
  id: string;
  staff: boolean;
}

const scope = (viewer: Viewer): Prisma.ConversationWhereInput => (viewer.staff ? {} : { userId: viewer.id });

@Injectable()
export class ConversationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.ConversationUncheckedCreateInput): Promise<Conversation> {
    return this.prisma.conversation.create({ data });
  }

  findVisible(id: string, viewer: Viewer): Promise<Conversation | null> {
    return this.prisma.conversation.findFirst({ where: { id, ...scope(viewer) } });
  }

  async list(viewer: Viewer, where: Prisma.ConversationWhereInput, page: { skip: number; take: number }) {
    const filter = { ...where, ...scope(viewer) };
    const [items, total] = await Promise.all([
      this.prisma.conversation.findMany({ where: filter, orderBy: [{ lastMessageAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }], ...page }),
      this.prisma.conversation.count({ where: filter }),
    ]);
    return { items, total };
  }

  update(id: string, data: Prisma.ConversationUncheckedUpdateInput): Promise<Conversation> {
    return this.prisma.conversation.update({ where: { id }, data });
  }

  /** Moves the status only if it is still `from`; null when another request changed it first. */
  async transition(id: string, from: ConversationStatus, data: Prisma.ConversationUncheckedUpdateManyInput): Promise<Conversation | null> {
    const { count } = await this.prisma.conversation.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.prisma.conversation.findUnique({ where: { id } }) : null;
  }

  /** Assigns a human only if nobody is assigned yet; null when another agent won. */
  async assignIfFree(id: string, agentId: string): Promise<Conversation | null> {
    return this.prisma.$transaction(async (tx) => {
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
    return this.prisma.$transaction(async (tx) => {
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
    const { count } = await this.prisma.conversation.updateMany({
      where: { id, userId, status: 'RESOLVED', csatRating: null },
      data: { csatRating: rating, csatComment: comment, csatAt: new Date() },
    });
    return count === 1 ? this.prisma.conversation.findUnique({ where: { id } }) : null;
  }
}
