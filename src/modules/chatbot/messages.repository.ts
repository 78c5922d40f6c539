import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { ChatCategory, ChatSentiment, MessageFeedback } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

export const messageInclude = { sender: { select: { id: true, name: true, role: true } } } satisfies Prisma.MessageInclude;
export type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

type NewMessage = Omit<Prisma.MessageUncheckedCreateInput, 'conversationId'>;

@Injectable()
export class MessagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(conversationId: string, page: { skip: number; take: number }) {
    const where = { conversationId, flagged: false };
    const [items, total] = await Promise.all([
      this.prisma.message.findMany({ where, include: messageInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], ...page }),
      this.prisma.message.count({ where }),
    ]);
    return { items, total };
  }

  /** The latest `limit` visible messages, oldest first (the model's context window). */
  async recent(conversationId: string, limit: number) {
    const rows = await this.prisma.message.findMany({
      where: { conversationId, flagged: false },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, senderType: true, content: true, source: true, feedback: true, createdAt: true },
    });
    return rows.reverse();
  }

  /** A refused message: kept for audit, not counted, never shown or answered. */
  createFlagged(conversationId: string, data: NewMessage): Promise<MessageRow> {
    return this.prisma.message.create({ data: { ...data, conversationId, flagged: true }, include: messageInclude });
  }

  /** The user's message and the conversation's counters and mood, together. */
  createFromUser(conversationId: string, data: NewMessage, sentiment: ChatSentiment, title?: string): Promise<MessageRow> {
    return this.prisma.$transaction(async (tx) => {
      const message = await tx.message.create({ data: { ...data, conversationId }, include: messageInclude });
      await tx.conversation.update({
        where: { id: conversationId },
        data: { userMessages: { increment: 1 }, totalMessages: { increment: 1 }, lastMessageAt: message.createdAt, sentiment, title },
      });
      return message;
    });
  }

  /**
   * The bot's answer and the running mean of response times, together; a conversation still in the
   * GENERAL category takes the category of the FAQ that answered it.
   */
  createFromBot(conversationId: string, data: NewMessage, responseTimeMs: number, category?: ChatCategory): Promise<MessageRow> {
    return this.prisma.$transaction(async (tx) => {
      const message = await tx.message.create({ data: { ...data, conversationId }, include: messageInclude });
      await tx.$executeRaw`
        UPDATE conversations SET
          avg_response_time_ms = round((avg_response_time_ms::numeric * ai_messages + ${responseTimeMs}) / (ai_messages + 1)),
          ai_messages = ai_messages + 1,
          total_messages = total_messages + 1,
          last_message_at = ${message.createdAt},
          category = CASE WHEN category = 'GENERAL' THEN coalesce(${category ?? null}::"ChatCategory", category) ELSE category END,
          updated_at = now()
        WHERE id = ${conversationId}::uuid`;
      return message;
    });
  }

  /** A human agent's reply; the first one marks the conversation as handled by a person. */
  createFromAgent(conversationId: string, agentId: string, data: NewMessage): Promise<MessageRow> {
    return this.prisma.$transaction(async (tx) => {
      const message = await tx.message.create({ data: { ...data, conversationId, senderId: agentId }, include: messageInclude });
      await tx.$executeRaw`
        UPDATE conversations SET
          agent_messages = agent_messages + 1,
          total_messages = total_messages + 1,
          is_agent_involved = true,
          assigned_agent_id = coalesce(assigned_agent_id, ${agentId}::uuid),
          last_message_at = ${message.createdAt},
          updated_at = now()
        WHERE id = ${conversationId}::uuid`;
      return message;
    });
  }

  /** A message in a conversation owned by `ownerId` (null otherwise: the same 404 for both). */
  findInOwnedConversation(id: string, ownerId: string) {
    return this.prisma.message.findFirst({
      where: { id, flagged: false, conversation: { userId: ownerId } },
      select: { id: true, conversationId: true, senderType: true, content: true, createdAt: true, feedback: true },
    });
  }

  /** The user message the bot answered with `answerId` (the latest user message before it). */
  findQuestionBefore(conversationId: string, before: Date) {
    return this.prisma.message.findFirst({
      where: { conversationId, senderType: 'USER', flagged: false, createdAt: { lte: before } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, content: true },
    });
  }

  setFeedback(id: string, feedback: MessageFeedback): Promise<MessageRow> {
    return this.prisma.message.update({ where: { id }, data: { feedback, feedbackAt: new Date() }, include: messageInclude });
  }

  /** Marks the given messages read for `readerId` (never the reader's own); returns those newly marked. */
  async markRead(conversationId: string, messageIds: string[], readerId: string, readAt: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE messages SET read_at = ${readAt}
      WHERE conversation_id = ${conversationId}::uuid AND id = ANY(${messageIds}::uuid[])
        AND read_at IS NULL AND flagged = false AND (sender_id IS NULL OR sender_id <> ${readerId}::uuid)
      RETURNING id`;
    return rows.map((row) => row.id);
  }
}
