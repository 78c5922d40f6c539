import type { Dispute, Review } from '../../generated/prisma/client.js';
import type { DisputeResponseDto } from './dto/dispute.dto.js';
import type { GigResponseDto, ReviewResponseDto } from './dto/gig.dto.js';
import type { PaymentResponseDto, SubmissionResponseDto } from './dto/submission.dto.js';
import type { GigRow } from './gigs.repository.js';
import type { Rating } from '../reviews/index.js';
import type { PaymentRow, SubmissionRow } from './submissions.repository.js';

export const toGigDto = (g: GigRow, ratings: { agent: Rating; client: Rating }): GigResponseDto => ({
  id: g.id,
  applicationId: g.applicationId,
  opportunityId: g.opportunityId,
  opportunityTitle: g.opportunity.title,
  rateMinor: g.opportunity.rateMinor,
  currency: g.opportunity.currency,
  agentId: g.agentId,
  agentUserId: g.agent.userId,
  agentName: g.agent.user.name,
  clientId: g.clientId,
  clientName: g.client.organizationName,
  agentRating: ratings.agent.average,
  agentReviewCount: ratings.agent.count,
  clientRating: ratings.client.average,
  clientReviewCount: ratings.client.count,
  status: g.status,
  workState: g.workState,
  workSlots: g.workSlots.map((w) => ({ slotId: w.slotId, startsAt: w.startsAt, endsAt: w.endsAt })),
  completedAt: g.completedAt,
  createdAt: g.createdAt,
});

export const toSubmissionDto = (s: SubmissionRow): SubmissionResponseDto => ({
  id: s.id,
  gigId: s.gigId,
  content: s.content,
  fileCount: s.fileKeys.length,
  status: s.status,
  reworkRounds: s.reworkRounds,
  reviewNotes: s.reviewNotes,
  workedMinutes: s.workedMinutes,
  autoApproved: s.autoApproved,
  paymentId: s.payment?.id ?? null,
  submittedAt: s.submittedAt,
  reviewedAt: s.reviewedAt,
});

export const toPaymentDto = (p: PaymentRow): PaymentResponseDto => ({
  id: p.id,
  submissionId: p.submissionId,
  gigId: p.gigId,
  amountMinor: p.amountMinor,
  currency: p.currency,
  workedMinutes: p.workedMinutes,
  rateMinor: p.rateMinor,
  status: p.status,
  automatic: p.createdById === null,
  createdAt: p.createdAt,
});

export const toReviewDto = (r: Review): ReviewResponseDto => ({
  id: r.id,
  gigId: r.gigId,
  direction: r.direction,
  authorId: r.authorId,
  subjectId: r.subjectId,
  rating: r.rating,
  comment: r.comment,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
});

export const toDisputeDto = (d: Dispute): DisputeResponseDto => ({
  id: d.id,
  targetType: d.targetType,
  targetId: (d.applicationId ?? d.gigId ?? d.submissionId ?? d.paymentId) as string,
  raisedById: d.raisedById,
  counterpartyId: d.counterpartyId,
  reason: d.reason,
  status: d.status,
  resolution: d.resolution,
  resolvedById: d.resolvedById,
  resolvedAt: d.resolvedAt,
  deadlineAt: d.deadlineAt,
  escalatedAt: d.escalatedAt,
  createdAt: d.createdAt,
});
