import type { ClientProfile, Project } from '../../generated/prisma/client.js';
import type { OpportunityView, SlotView } from './clients.repository.js';
import type { ClientResponseDto } from './dto/client.dto.js';
import type { EligibilityDto, OpportunityResponseDto, SlotResponseDto } from './dto/opportunity.dto.js';
import type { ProjectResponseDto } from './dto/project.dto.js';

export const toClientDto = (c: ClientProfile): ClientResponseDto => ({
  id: c.id,
  userId: c.userId,
  organizationName: c.organizationName,
  industry: c.industry,
  website: c.website,
  contactPhone: c.contactPhone,
  description: c.description,
  country: c.country,
  createdAt: c.createdAt,
});

export const toProjectDto = (p: Project): ProjectResponseDto => ({
  id: p.id,
  clientId: p.clientId,
  name: p.name,
  description: p.description,
  status: p.status,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toSlotDto = (s: SlotView): SlotResponseDto => ({
  id: s.id,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  capacity: s.capacity,
  filledCount: s.filledCount,
});

export const toOpportunityDto = (o: OpportunityView, eligibility?: EligibilityDto): OpportunityResponseDto => ({
  id: o.id,
  projectId: o.projectId,
  clientId: o.clientId,
  title: o.title,
  description: o.description,
  requiredSkills: o.requiredSkills,
  minCefrLevel: o.minCefrLevel,
  minExperienceMonths: o.minExperienceMonths,
  rateMinor: o.rateMinor,
  currency: o.currency,
  capacity: o.capacity,
  acceptedCount: o.acceptedCount,
  status: o.status,
  publishedAt: o.publishedAt,
  closedAt: o.closedAt,
  createdAt: o.createdAt,
  slots: o.slots.map(toSlotDto),
  ...(eligibility ? { eligibility } : {}),
});
