import { eligibilityCriteria, judgeEligibility, type EligibilityAgent, type EligibilityRequirements } from './eligibility.js';

const agent: EligibilityAgent = { nextStep: 'DASHBOARD', cefrLevel: 'B2', skills: ['Support', 'english'], experienceMonths: 12 };
const open: EligibilityRequirements = { status: 'OPEN', requiredSkills: ['support'], minCefrLevel: 'B1', minExperienceMonths: 6 };

describe('judgeEligibility', () => {
  it('accepts an onboarded agent who meets every requirement', () => {
    expect(judgeEligibility(agent, open)).toEqual({ eligible: true, reasons: [], missingSkills: [] });
  });

  it('lists every reason at once', () => {
    const result = judgeEligibility(
      { nextStep: 'KYC', cefrLevel: 'A2', skills: [], experienceMonths: 2 },
      { status: 'CLOSED', requiredSkills: ['support', 'hindi'], minCefrLevel: 'B1', minExperienceMonths: 6 },
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual(['NOT_OPEN', 'ONBOARDING_INCOMPLETE', 'CEFR_TOO_LOW', 'MISSING_SKILLS', 'NOT_ENOUGH_EXPERIENCE']);
    expect(result.missingSkills).toEqual(['support', 'hindi']);
  });

  it('treats a user without an agent profile as not onboarded', () => {
    expect(judgeEligibility(null, { ...open, minCefrLevel: null, requiredSkills: [], minExperienceMonths: 0 }).reasons).toEqual(['ONBOARDING_INCOMPLETE']);
  });
});

describe('eligibilityCriteria', () => {
  it("gives the database an onboarded agent's level, lower-cased skills and experience", () => {
    expect(eligibilityCriteria(agent)).toEqual({ cefrLevel: 'B2', skills: ['support', 'english'], experienceMonths: 12 });
  });

  it('is null for an agent who is eligible for nothing', () => {
    expect(eligibilityCriteria(null)).toBeNull();
    expect(eligibilityCriteria({ ...agent, nextStep: 'AGREEMENT' })).toBeNull();
  });
});
