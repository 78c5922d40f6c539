import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ReviewDirection } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import { visibleTo, type ReviewViewer } from './review-visibility.js';
import { ratingsOfAgents, ratingsOfClients } from './reviews.sql.js';

const ABOUT_AGENT = {
  gig: { select: { opportunity: { select: { title: true } }, client: { select: { organizationName: true } } } },
} satisfies Prisma.ReviewInclude;
export type AgentReviewRow = Prisma.ReviewGetPayload<{ include: typeof ABOUT_AGENT }>;

/** The only code that touches the gig reviews table. */
@Injectable()
export class ReviewsRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  /**
   * Stores a review; when the other side has reviewed too, both are published at once (double-blind).
   * Returns false when this side already reviewed the gig. The caller holds the gig's row lock in its
   * transaction (the gigs module's row), so the two sides' reviews of one gig run one after the other.
   */
  async add(data: { gigId: string; authorId: string; subjectId: string; direction: ReviewDirection; rating: number; comment?: string }) {
    return this.db.transaction(async (tx) => {
      const existing = await tx.review.count({ where: { gigId: data.gigId, direction: data.direction } });
      if (existing > 0) return false;
      const review = await tx.review.create({ data });
      const other = await tx.review.count({ where: { gigId: data.gigId, direction: { not: data.direction } } });
      if (other > 0) await tx.review.updateMany({ where: { gigId: data.gigId, publishedAt: null }, data: { publishedAt: review.createdAt } });
      return tx.review.findUniqueOrThrow({ where: { id: review.id } });
    });
  }

  /** A gig's reviews the viewer may read. */
  forGig(gigId: string, viewer: ReviewViewer) {
    return this.db.client.review.findMany({ where: { gigId, ...visibleTo(viewer) }, orderBy: { createdAt: 'asc' } });
  }

  /** Clients' reviews of one agent the viewer may read, newest first. */
  async aboutAgent(agentId: string, viewer: ReviewViewer, page: { skip: number; take: number }) {
    const where: Prisma.ReviewWhereInput = { direction: 'CLIENT_TO_AGENT', gig: { agentId }, ...visibleTo(viewer) };
    const [items, total] = await Promise.all([
      this.db.client.review.findMany({ where, include: ABOUT_AGENT, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...page }),
      this.db.client.review.count({ where }),
    ]);
    return { items, total };
  }

  /** Publishes one-sided reviews whose window closed; returns how many. */
  async publishExpired(createdBefore: Date): Promise<number> {
    const { count } = await this.db.client.review.updateMany({
      where: { publishedAt: null, createdAt: { lt: createdBefore } },
      data: { publishedAt: new Date() },
    });
    return count;
  }

  ratingsOfAgents(agentIds: string[]) {
    return this.sql.query(ratingsOfAgents, [agentIds]);
  }

  ratingsOfClients(clientIds: string[]) {
    return this.sql.query(ratingsOfClients, [clientIds]);
  }
}
