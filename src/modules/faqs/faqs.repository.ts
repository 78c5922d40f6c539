import { Injectable } from '@nestjs/common';
import { Prisma, type Faq } from '../../generated/prisma/client.js';
import type { ChatCategory } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

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

/** Full-text matches are capped before ranking: ranking every match of a common word is slow. */
const CANDIDATE_CAP = 200;

const categorySql = (category?: ChatCategory) => (category ? Prisma.sql`AND f.category = ${category}::"ChatCategory"` : Prisma.empty);
const activeSql = (isActive?: boolean) => (isActive === undefined ? Prisma.empty : Prisma.sql`AND f.is_active = ${isActive}`);

@Injectable()
export class FaqsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: FaqFilter, page: { skip: number; take: number }): Promise<{ items: Faq[]; total: number }> {
    if (filter.search) return this.searchPage(filter, page);
    const where: Prisma.FaqWhereInput = { category: filter.category, isActive: filter.isActive };
    const [items, total] = await Promise.all([
      this.prisma.faq.findMany({ where, orderBy: [{ usageCount: 'desc' }, { createdAt: 'desc' }], ...page }),
      this.prisma.faq.count({ where }),
    ]);
    return { items, total };
  }

  /** Search-box semantics (all words must match), best rank first. */
  private async searchPage(filter: FaqFilter, page: { skip: number; take: number }) {
    const rows = await this.prisma.$queryRaw<{ id: string; total: bigint }[]>`
      WITH q AS (SELECT websearch_to_tsquery('english', ${filter.search}) AS query),
      candidates AS (
        SELECT f.id, f.search_vector FROM faqs f, q
        WHERE f.search_vector @@ q.query ${categorySql(filter.category)} ${activeSql(filter.isActive)}
        LIMIT ${CANDIDATE_CAP}
      )
      SELECT c.id, count(*) OVER () AS total FROM candidates c, q
      ORDER BY ts_rank_cd(c.search_vector, q.query) DESC, c.id
      LIMIT ${page.take} OFFSET ${page.skip}`;
    const total = rows.length ? Number(rows[0].total) : await this.countMatches(filter);
    const faqs = await this.prisma.faq.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
    const byId = new Map(faqs.map((faq) => [faq.id, faq]));
    return { items: rows.map((row) => byId.get(row.id)).filter((faq): faq is Faq => Boolean(faq)), total };
  }

  private async countMatches(filter: FaqFilter): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total FROM (
        SELECT 1 FROM faqs f WHERE f.search_vector @@ websearch_to_tsquery('english', ${filter.search})
        ${categorySql(filter.category)} ${activeSql(filter.isActive)} LIMIT ${CANDIDATE_CAP}
      ) matches`;
    return Number(row?.total ?? 0);
  }

  /** Active FAQs sharing any word with `text` (OR semantics), best full-text rank first. */
  matchCandidates(text: string, limit: number): Promise<RankedFaq[]> {
    return this.prisma.$queryRaw<RankedFaq[]>`
      WITH q AS (
        SELECT nullif(replace(plainto_tsquery('english', ${text})::text, ' & ', ' | '), '')::tsquery AS query
      ),
      candidates AS (
        SELECT f.id, f.question, f.answer, f.keywords, f.category, f.search_vector FROM faqs f, q
        WHERE f.is_active AND q.query IS NOT NULL AND f.search_vector @@ q.query
        LIMIT ${CANDIDATE_CAP}
      )
      SELECT c.id, c.question, c.answer, c.keywords, c.category::text AS category,
             ts_rank_cd(c.search_vector, q.query)::float8 AS rank
      FROM candidates c, q
      ORDER BY rank DESC, c.id
      LIMIT ${limit}`;
  }

  findById(id: string, onlyActive: boolean): Promise<Faq | null> {
    return this.prisma.faq.findFirst({ where: { id, ...(onlyActive ? { isActive: true } : {}) } });
  }

  countExisting(ids: string[]): Promise<number> {
    return this.prisma.faq.count({ where: { id: { in: ids } } });
  }

  create(data: Prisma.FaqUncheckedCreateInput): Promise<Faq> {
    return this.prisma.faq.create({ data });
  }

  update(id: string, data: Prisma.FaqUncheckedUpdateInput): Promise<Faq> {
    return this.prisma.faq.update({ where: { id }, data });
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.faq.deleteMany({ where: { id } });
    return count === 1;
  }

  async incrementUsage(id: string): Promise<void> {
    await this.prisma.faq.updateMany({ where: { id }, data: { usageCount: { increment: 1 } } });
  }
}
