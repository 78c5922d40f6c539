import { Injectable } from '@nestjs/common';
import type { AnswerSource, ChatCategory, ChatSentiment, MessageFeedback } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import type { StatementRow } from '../../infra/database/sql/statement.js';
import {
  claimOverdueAnswers,
  claimOwedAnswer,
  countMessages,
  dropOwedAnswer,
  findAnswerTo,
  findByIdempotencyKey,
  insertAgentMessage,
  insertBotAnswer,
  insertFlaggedMessage,
  insertUserMessage,
  listMessages,
  markMessagesRead,
  recentMessages,
  setMessageFeedback,
  type MessageRow,
} from './messages.sql.js';

export type { MessageRow };
export type OverdueAnswer = StatementRow<typeof claimOverdueAnswers>;

export interface NewUserMessage {
  senderId: string;
  content: string;
  sentiment: ChatSentiment;
  metadata: Record<string, unknown>;
  /** Renames the conversation (its first message). */
  title?: string;
  idempotencyKey?: string;
  /** The bot owes an answer, due within this many ms (else the recovery sweep gives it); none when a human has the conversation. */
  answerDueInMs?: number;
}

export interface NewBotAnswer {
  id: string;
  content: string;
  sentiment: ChatSentiment | null;
  source: AnswerSource;
  faqId: string | null;
  faqConfidence: number | null;
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  costMicros: number | null;
  processingTimeMs: number;
  metadata: Record<string, unknown>;
}

/** What an Idempotency-Key stored: the message, whether it was flagged, whether its answer is owed, and the answer. */
export interface KeyedMessage {
  message: MessageRow;
  flagged: boolean;
  answerOwed: boolean;
  answer: MessageRow | undefined;
}

/**
 * Chat messages. The hot paths (history, the pipeline's writes) are typed SQL on the pool, one
 * statement per write; the rest stays on the ORM.
 */
@Injectable()
export class MessagesRepository {
  constructor(
    private readonly sql: SqlService,
    private readonly db: TransactionHost,
  ) {}

  async page(conversationId: string, page: { skip: number; take: number }): Promise<{ items: MessageRow[]; total: number }> {
    const rows = await this.sql.query(listMessages, [conversationId, page.take, page.skip]);
    if (rows.length) return { items: rows, total: rows[0].total };
    const total = page.skip === 0 ? 0 : (await this.sql.one(countMessages, [conversationId])).total;
    return { items: [], total };
  }

  /** The latest `limit` visible messages (up to `until`), oldest first: the model's context window. */
  async recent(conversationId: string, limit: number, until?: Date) {
    return (await this.sql.query(recentMessages, [conversationId, limit, until ?? null])).reverse();
  }

  /** A refused message: kept for audit (and for a retry with the same key), not counted, never shown or answered. */
  async createFlagged(conversationId: string, senderId: string, content: string, metadata: Record<string, unknown>, idempotencyKey?: string): Promise<void> {
    await this.sql.query(insertFlaggedMessage, [conversationId, senderId, content, metadata, idempotencyKey ?? null]);
  }

  /** The user's message with the conversation's counters and mood; undefined when the sender already used the key. */
  createFromUser(conversationId: string, message: NewUserMessage): Promise<MessageRow | undefined> {
    return this.sql.maybeOne(insertUserMessage, [
      conversationId,
      message.senderId,
      message.content,
      message.sentiment,
      message.metadata,
      message.idempotencyKey ?? null,
      message.answerDueInMs ?? 0,
      message.answerDueInMs !== undefined,
      message.title ?? null,
    ]);
  }

  /**
   * The bot's answer to `questionId` with the conversation's counters and the FAQ's use; a GENERAL
   * conversation takes the category of the FAQ that answered. When the question already has an
   * answer (another process gave it), that one is returned and nothing is written.
   */
  async createAnswer(
    questionId: string,
    answer: NewBotAnswer,
    responseTimeMs: number,
    category: ChatCategory | null,
  ): Promise<{ row: MessageRow; created: boolean }> {
    const created = await this.sql.maybeOne(insertBotAnswer, [
      answer.id,
      questionId,
      answer.content,
      answer.sentiment,
      answer.source,
      answer.faqId,
      answer.faqConfidence,
      answer.model,
      answer.promptTokens,
      answer.completionTokens,
      answer.costMicros,
      answer.processingTimeMs,
      answer.metadata,
      responseTimeMs,
      category,
    ]);
    if (created) return { row: created, created: true };
    const existing = await this.sql.maybeOne(findAnswerTo, [questionId]);
    if (!existing) throw new Error(`Question ${questionId} is gone: its answer could not be stored`);
    return { row: existing, created: false };
  }

  /** A human agent's reply; the first one marks the conversation as handled by a person. Undefined when the key was used. */
  createFromAgent(conversationId: string, agentId: string, content: string, idempotencyKey?: string): Promise<MessageRow | undefined> {
    return this.sql.maybeOne(insertAgentMessage, [conversationId, agentId, content, idempotencyKey ?? null]);
  }

  async findByIdempotencyKey(senderId: string, key: string): Promise<KeyedMessage | undefined> {
    const rows = await this.sql.query(findByIdempotencyKey, [senderId, key]);
    const message = rows.find((row) => row.replyToId === null);
    if (!message) return undefined;
    const answer = rows.find((row) => row.replyToId === message.id);
    return { message, flagged: message.flagged, answerOwed: message.answerOwed, answer };
  }

  /** Takes over the owed answer to `messageId` for `leaseMs` if whoever owed it is overdue; false while it is still due. */
  async claimOwedAnswer(messageId: string, leaseMs: number): Promise<boolean> {
    return (await this.sql.maybeOne(claimOwedAnswer, [messageId, leaseMs])) !== undefined;
  }

  /** Takes over up to `limit` overdue owed answers for `leaseMs` each. */
  claimOverdueAnswers(limit: number, leaseMs: number): Promise<OverdueAnswer[]> {
    return this.sql.query(claimOverdueAnswers, [limit, leaseMs]);
  }

  async dropOwedAnswer(messageId: string): Promise<void> {
    await this.sql.query(dropOwedAnswer, [messageId]);
  }

  /** A message in a conversation owned by `ownerId` (null otherwise: the same 404 for both). */
  findInOwnedConversation(id: string, ownerId: string) {
    return this.db.client.message.findFirst({
      where: { id, flagged: false, conversation: { userId: ownerId, archivedAt: null } },
      select: { id: true, conversationId: true, senderType: true, content: true, createdAt: true, feedback: true, replyToId: true },
    });
  }

  /** The user message an answer replied to: its link, or for answers stored before links existed, the latest user message before it. */
  findQuestionOf(answer: { conversationId: string; createdAt: Date; replyToId: string | null }) {
    return this.db.client.message.findFirst({
      where: answer.replyToId
        ? { id: answer.replyToId, flagged: false }
        : { conversationId: answer.conversationId, senderType: 'USER', flagged: false, createdAt: { lte: answer.createdAt } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, content: true },
    });
  }

  setFeedback(id: string, feedback: MessageFeedback): Promise<MessageRow> {
    return this.sql.one(setMessageFeedback, [id, feedback]);
  }

  /** Marks the given messages read for `readerId` (never the reader's own); returns those newly marked. */
  async markRead(conversationId: string, messageIds: string[], readerId: string, readAt: Date): Promise<string[]> {
    const rows = await this.sql.query(markMessagesRead, [conversationId, messageIds, readerId, readAt]);
    return rows.map((row) => row.id);
  }
}
