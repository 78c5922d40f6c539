import type { RegistrationStatus } from '../../common/auth/onboarding.js';
import type { Experience, KycReview, Qualification } from '../../generated/prisma/client.js';
import { CURRENT_AGREEMENT } from './agreement.js';
import type { FullAgent } from './agents.repository.js';
import type { AgentResponseDto, ExperienceResponseDto, KycDecisionResponseDto, QualificationResponseDto } from './dto/agent-response.dto.js';
import { experienceMonths } from './experience.js';

const isoDate = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);

export const toQualificationDto = (q: Qualification): QualificationResponseDto => ({
  id: q.id,
  degree: q.degree,
  institution: q.institution,
  fieldOfStudy: q.fieldOfStudy,
  startYear: q.startYear,
  endYear: q.endYear,
});

export const toExperienceDto = (e: Experience): ExperienceResponseDto => ({
  id: e.id,
  company: e.company,
  title: e.title,
  startDate: isoDate(e.startDate) as string,
  endDate: isoDate(e.endDate),
  description: e.description,
});

const toDecisionDto = (r: KycReview): KycDecisionResponseDto => ({
  decision: r.decision,
  reason: r.reason,
  reviewerId: r.reviewerId,
  decidedAt: r.createdAt,
});

export function toAgentDto(agent: FullAgent, status: RegistrationStatus, options: { withHistory?: boolean } = {}): AgentResponseDto {
  return {
    id: agent.id,
    userId: agent.userId,
    name: agent.user.name,
    email: agent.user.email,
    dateOfBirth: isoDate(agent.dateOfBirth),
    gender: agent.gender,
    addressLine: agent.addressLine,
    city: agent.city,
    state: agent.state,
    country: agent.country,
    postalCode: agent.postalCode,
    bio: agent.bio,
    skills: agent.skills,
    languages: agent.languages,
    hasPhoto: agent.photoKey !== null,
    profileCompleted: agent.profileCompleted,
    experienceMonths: experienceMonths(agent.experiences),
    qualifications: agent.qualifications.map(toQualificationDto),
    experiences: agent.experiences.map(toExperienceDto),
    employment: agent.employment
      ? {
          status: agent.employment.status,
          employer: agent.employment.employer,
          designation: agent.employment.designation,
          hoursAvailablePerWeek: agent.employment.hoursAvailablePerWeek,
        }
      : null,
    kyc: {
      status: agent.kycStatus,
      submittedAt: agent.kycSubmittedAt,
      documents: agent.kycDocuments.map((d) => ({ type: d.type, contentType: d.contentType, size: d.size, uploadedAt: d.createdAt })),
      lastDecision: agent.kycReviews[0] ? toDecisionDto(agent.kycReviews[0]) : null,
    },
    assessment: {
      status: agent.assessmentStatus,
      cefrLevel: agent.cefrLevel,
      score: agent.assessmentScore,
      recordedAt: agent.assessmentRecordedAt,
    },
    agreement: { currentVersion: CURRENT_AGREEMENT.version, signedVersion: agent.agreementVersion, signedAt: agent.agreementSignedAt },
    nextStep: status.nextStep,
    registrationStatus: { nextStep: status.nextStep, missingFields: status.missingFields },
    ...(options.withHistory ? { kycHistory: agent.kycReviews.map(toDecisionDto) } : {}),
  };
}
