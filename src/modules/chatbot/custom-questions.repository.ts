import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { CustomQuestionOrigin, CustomQuestionStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import {
  appendAsk,
  claimForFaq,
  countEntries,
  findEntry,
  findOpenCandidates,
  linkFaq,
  listEntries,
  openEntry,
  type InboxEntryRow,
} from './custom-questions.sql.js';

export type { InboxEntryRow };

/** Who asked, where: a chat message is counted once however often it is answered. */
export interface Ask {
  origin: CustomQuestionOrigin;
  userId: string | null;
  conversationId: string | null;
  messageId: string | null;
}

export interface NewEntry {
  question: string;
  groupKey: string;
  groupSignature: string;
}

/**
 * The custom-question inbox. Asks are appended rows counted when the inbox is read, so a popular
 * question has no row that every asker updates.
 */
@Injectable()
export class CustomQuestionsRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  /** The open entries that may be the question with this key (the exact key first). */
  openCandidates(groupKey: string, signature: string): Promise<Array<{ id: string; groupKey: string }>> {
    return this.sql.query(findOpenCandidates, [groupKey, signature]);
  }

  /** Counts one more ask of entry `id` (not again for a message counted already). */
  async addAsk(id: string, ask: Ask): Promise<void> {
    await this.sql.query(appendAsk, [id, ask.messageId, ask.origin, ask.userId, ask.conversationId]);
  }

  /**
   * Opens an entry for a question with its first ask; the open entry of the same key when a concurrent
   * asker opened it first. Undefined when the message was counted already.
   */
  async open(entry: NewEntry, ask: Ask): Promise<string | undefined> {
    const row = await this.sql.maybeOne(openEntry, [
      entry.question,
      entry.groupKey,
      entry.groupSignature,
      ask.origin,
      ask.userId,
      ask.conversationId,
      ask.messageId,
    ]);
    return row?.questionId;
  }

  async list(
    filter: { status?: CustomQuestionStatus; origin?: CustomQuestionOrigin },
    page: { skip: number; take: number },
  ): Promise<{ items: InboxEntryRow[]; total: number }> {
    const scope = [filter.status ?? null, filter.origin ?? null] as const;
    const rows = await this.sql.query(listEntries, [...scope, page.take, page.skip]);
    if (rows.length) return { items: rows.map(({ total: _total, ...entry }) => entry), total: rows[0].total };
    const total = page.skip === 0 ? 0 : (await this.sql.one(countEntries, scope)).total;
    return { items: [], total };
  }

  async findById(id: string): Promise<InboxEntryRow | null> {
    return (await this.sql.maybeOne(findEntry, [id])) ?? null;
  }

  /** Moves the status only from one of `from`; false when another request moved it first. */
  async transition(id: string, from: CustomQuestionStatus[], data: Prisma.CustomQuestionUncheckedUpdateManyInput): Promise<boolean> {
    const { count } = await this.db.client.customQuestion.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  /**
   * The first step of publishing entry `id` as an FAQ: it becomes CONVERTED with `answer` (only from
   * OPEN or ANSWERED). False when the entry was no longer open (nothing written).
   */
  async claimForFaq(id: string, answer: string, staffId: string): Promise<boolean> {
    return (await this.sql.maybeOne(claimForFaq, [id, answer, staffId])) !== undefined;
  }

  /** Links the converted entry to the FAQ published from it. */
  async linkFaq(id: string, faqId: string): Promise<void> {
    await this.sql.query(linkFaq, [id, faqId]);
  }
}
