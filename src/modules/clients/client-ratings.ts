import type { Ratings } from '../reviews/index.js';
import type { OpportunityResponseDto } from './dto/opportunity.dto.js';

/** The opportunities an agent sees, each with its client's rating from agents' published reviews. */
export function withClientRatings(opportunities: OpportunityResponseDto[], ratings: Ratings): OpportunityResponseDto[] {
  return opportunities.map((o) => {
    const { average, count } = ratings.of(o.clientId);
    return { ...o, clientRating: average, clientReviewCount: count };
  });
}
