import type { CefrLevel, OpportunityStatus } from '../../generated/prisma/enums.js';
import type { OnboardingStep } from '../../common/auth/onboarding.js';
import { cefrAtLeast } from '../agents/index.js';

export type IneligibilityReason = 'NOT_OPEN' | 'ONBOARDING_INCOMPLETE' | 'CEFR_TOO_LOW' | 'MISSING_SKILLS' | 'NOT_ENOUGH_EXPERIENCE';

export interface EligibilityAgent {
  nextStep: OnboardingStep;
  cefrLevel: CefrLevel | null;
  skills: readonly string[];
  experienceMonths: number;
}

export interface EligibilityRequirements {
  status: OpportunityStatus;
  requiredSkills: readonly string[];
  minCefrLevel: CefrLevel | null;
  minExperienceMonths: number;
}

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibilityReason[];
  missingSkills: string[];
}

/** Whether an agent may apply, and every reason why not (skills compare case-insensitively). */
export function judgeEligibility(agent: EligibilityAgent | null, opportunity: EligibilityRequirements): Eligibility {
  const reasons: IneligibilityReason[] = [];
  if (opportunity.status !== 'OPEN') reasons.push('NOT_OPEN');
  if (!agent || agent.nextStep !== 'DASHBOARD') reasons.push('ONBOARDING_INCOMPLETE');
  if (!cefrAtLeast(agent?.cefrLevel, opportunity.minCefrLevel)) reasons.push('CEFR_TOO_LOW');
  const has = new Set((agent?.skills ?? []).map((s) => s.toLowerCase()));
  const missingSkills = opportunity.requiredSkills.filter((s) => !has.has(s.toLowerCase()));
  if (missingSkills.length) reasons.push('MISSING_SKILLS');
  if ((agent?.experienceMonths ?? 0) < opportunity.minExperienceMonths) reasons.push('NOT_ENOUGH_EXPERIENCE');
  return { eligible: reasons.length === 0, reasons, missingSkills };
}

/** An onboarded agent's side of the rule, as the opportunity list's SQL filter applies it (clients.sql.ts). */
export interface EligibilityCriteria {
  cefrLevel: CefrLevel | null;
  /** Lower case: skills compare case-insensitively. */
  skills: string[];
  experienceMonths: number;
}

/**
 * The criteria that let the database filter what `judgeEligibility` would accept (status aside: the
 * agents' list shows only OPEN opportunities); null when the agent is eligible for nothing.
 */
export function eligibilityCriteria(agent: EligibilityAgent | null): EligibilityCriteria | null {
  if (!agent || agent.nextStep !== 'DASHBOARD') return null;
  return { cefrLevel: agent.cefrLevel, skills: agent.skills.map((s) => s.toLowerCase()), experienceMonths: agent.experienceMonths };
}
