import { Injectable } from '@nestjs/common';
import type { Faq, Prisma } from '../../generated/prisma/client.js';
import type { ChatCategory } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import { countFaqMatches, countFaqs, findFaq, foldFaqUsage, insertFaq, listFaqs, matchFaqs, searchFaqs } from './faqs.sql.js';

export interface NewFaq {
  category?: ChatCategory;
  question: string;
  answer: string;
  keywords: string[];
  relatedQuestionIds: string[];
  isActive: boolean;
  createdById: string;
}

export interface FaqFilter {
  search?: string;
  category?: ChatCategory;
  isActive?: boolean;
}

export interface RankedFaq {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  category: ChatCategory;
  rank: number;
}

@Injectable()
export class FaqsRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  /** A page of FAQs: search-box semantics (all words, best rank first) with a search, most used first without. */
  async list(filter: FaqFilter, page: { skip: number; take: number }): Promise<{ items: Faq[]; total: number }> {
    const scope = [filter.category ?? null, filter.isActive ?? null] as const;
    const rows = filter.search
      ? await this.sql.query(searchFaqs, [...scope, filter.search, page.take, page.skip])
      : await this.sql.query(listFaqs, [...scope, page.take, page.skip]);
    if (rows.length) return { items: rows.map(({ total: _total, ...faq }) => faq), total: rows[0].total };
    if (page.skip === 0) return { items: [], total: 0 };
    const counted = filter.search ? await this.sql.one(countFaqMatches, [...scope, filter.search]) : await this.sql.one(countFaqs, scope);
    return { items: [], total: counted.total };
  }

  /** Active FAQs sharing any word with `text` (OR semantics), best full-text rank first. */
  matchCandidates(text: string, limit: number): Promise<RankedFaq[]> {
    return this.sql.query(matchFaqs, [text, limit]);
  }

  /** With its current count of uses. */
  async findById(id: string, onlyActive: boolean): Promise<Faq | null> {
    return (await this.sql.maybeOne(findFaq, [id, onlyActive])) ?? null;
  }

  countExisting(ids: string[]): Promise<number> {
    return this.db.client.faq.count({ where: { id: { in: ids } } });
  }

  /** Inside the caller's transaction when one is open. */
  create(faq: NewFaq): Promise<Faq> {
    return this.sql.one(insertFaq, [faq.category ?? null, faq.question, faq.answer, faq.keywords, faq.relatedQuestionIds, faq.isActive, faq.createdById]);
  }

  /** The edited FAQ with its current count of uses. */
  async update(id: string, data: Prisma.FaqUncheckedUpdateInput): Promise<Faq> {
    await this.db.client.faq.update({ where: { id }, data, select: { id: true } });
    return this.sql.one(findFaq, [id, false]);
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.db.client.faq.deleteMany({ where: { id } });
    return count === 1;
  }

  /**
   * Folds the uses appended by chat answers into the FAQs' counts, in batches, until none is left;
   * returns how many were folded.
   */
  async foldUsage(batch = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const { folded } = await this.sql.one(foldFaqUsage, [batch]);
      total += folded;
      if (folded < batch) return total;
    }
  }
}
