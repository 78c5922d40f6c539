import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page, type PaginationQueryDto } from '../../common/pagination/pagination.js';
import type { ReviewDirection } from '../../generated/prisma/enums.js';
import { AgentsService } from '../agents/index.js';
import type { AgentReviewResponseDto } from './dto/agent-review.dto.js';
import { NO_RATING, roundRating, type Rating, type ReviewViewer } from './review-visibility.js';
import { ReviewsRepository, type AgentReviewRow } from './reviews.repository.js';

const toAgentReviewDto = (r: AgentReviewRow): AgentReviewResponseDto => ({
  id: r.id,
  gigId: r.gigId,
  opportunityTitle: r.gig.opportunity.title,
  clientName: r.gig.client.organizationName,
  rating: r.rating,
  comment: r.comment,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
});

/** Double-blind reviews of a gig's two parties, and the ratings built from the published ones. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly agents: AgentsService,
  ) {}

  /** Inside the caller's transaction, which holds the gig's row lock. */
  add(data: { gigId: string; authorId: string; subjectId: string; direction: ReviewDirection; rating: number; comment?: string }) {
    return this.reviews.add(data);
  }

  forGig(gigId: string, viewer: ReviewViewer) {
    return this.reviews.forGig(gigId, viewer);
  }

  publishExpired(createdBefore: Date): Promise<number> {
    return this.reviews.publishExpired(createdBefore);
  }

  /** Clients' reviews of an agent: for clients and staff, and for the agent themself (another agent: 404). */
  async aboutAgent(user: AuthUser, agentId: string, query: PaginationQueryDto): Promise<Page<AgentReviewResponseDto>> {
    const agentUserId = await this.agents.userIdOfAgent(agentId);
    if (!agentUserId || (user.role === 'AGENT' && agentUserId !== user.id)) throw notFound('Agent');
    const { items, total } = await this.reviews.aboutAgent(agentId, { userId: user.id, role: user.role }, pageArgs(query));
    return toPage(items, total, query, toAgentReviewDto);
  }

  /** Ratings of agent profiles from clients' published reviews. */
  async agentRatings(agentIds: readonly string[]): Promise<Ratings> {
    return ratingsBy(agentIds.length ? await this.reviews.ratingsOfAgents([...new Set(agentIds)]) : []);
  }

  /** Ratings of client profiles from agents' published reviews. */
  async clientRatings(clientIds: readonly string[]): Promise<Ratings> {
    return ratingsBy(clientIds.length ? await this.reviews.ratingsOfClients([...new Set(clientIds)]) : []);
  }
}

/** Ratings by profile id; `of(id)` answers NO_RATING for a profile nobody rated yet. */
export interface Ratings {
  of(id: string): Rating;
}

function ratingsBy(rows: { id: string; average: number; count: number }[]): Ratings {
  const byId = new Map(rows.map((r) => [r.id, { average: roundRating(r.average), count: r.count }]));
  return { of: (id) => byId.get(id) ?? NO_RATING };
}
