import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_TYPES } from '../../../modules/gigs/dto/gig.dto.js';
import { serverEvents } from './define.js';

export class GigActivityEvent {
  @ApiProperty({ format: 'uuid' }) gigId: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) activity: (typeof ACTIVITY_TYPES)[number];
  @ApiProperty({ description: 'true when the gig sweep logged the agent out after their slot' }) automatic: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class OpportunityPublishedEvent {
  @ApiProperty({ format: 'uuid' }) opportunityId: string;
  @ApiProperty() title: string;
}

/** Live state of the gig platform; what a user must not miss goes through notifications instead. */
export const gigsServerEvents = serverEvents({
  'gig:activity': {
    summary: 'The agent of a gig logged in, took or ended a break, or logged out (live work state)',
    payload: GigActivityEvent,
    to: { user: 'The other party of the gig (both, when the sweep logged the agent out)' },
  },
  'opportunity:published': {
    summary: 'A client published an opportunity (GET /opportunities lists it with the agent’s eligibility)',
    payload: OpportunityPublishedEvent,
    to: { role: 'Every agent (role AGENT)' },
  },
});
