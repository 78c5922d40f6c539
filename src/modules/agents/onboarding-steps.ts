import type { OnboardingStep } from '../../common/auth/onboarding.js';
import type { AssessmentStatus, KycStatus } from '../../generated/prisma/enums.js';

export interface OnboardingState {
  contactVerified: boolean;
  profileCompleted: boolean;
  kycStatus: KycStatus;
  assessmentStatus: AssessmentStatus;
  agreementVersion: string | null;
}

/** The first unfinished onboarding step, in the fixed order of ONBOARDING_STEPS. */
export function computeNextStep(state: OnboardingState, currentAgreementVersion: string): OnboardingStep {
  if (!state.contactVerified) return 'VERIFY_CONTACT';
  if (!state.profileCompleted) return 'COMPLETE_PROFILE';
  if (state.kycStatus !== 'APPROVED') return 'KYC';
  if (state.assessmentStatus !== 'PASSED') return 'ASSESSMENT';
  if (state.agreementVersion !== currentAgreementVersion) return 'AGREEMENT';
  return 'DASHBOARD';
}
