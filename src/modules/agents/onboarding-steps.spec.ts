import { computeNextStep, OnboardingState } from './onboarding-steps.js';

const done: OnboardingState = {
  contactVerified: true,
  profileCompleted: true,
  kycStatus: 'APPROVED',
  assessmentStatus: 'PASSED',
  agreementVersion: 'v2',
};

describe('computeNextStep', () => {
  it('walks the steps in order', () => {
    expect(computeNextStep({ ...done, contactVerified: false, profileCompleted: false }, 'v2')).toBe('VERIFY_CONTACT');
    expect(computeNextStep({ ...done, profileCompleted: false, kycStatus: 'PENDING' }, 'v2')).toBe('COMPLETE_PROFILE');
    expect(computeNextStep({ ...done, kycStatus: 'SUBMITTED' }, 'v2')).toBe('KYC');
    expect(computeNextStep({ ...done, kycStatus: 'REJECTED' }, 'v2')).toBe('KYC');
    expect(computeNextStep({ ...done, assessmentStatus: 'FAILED' }, 'v2')).toBe('ASSESSMENT');
    expect(computeNextStep({ ...done, agreementVersion: null }, 'v2')).toBe('AGREEMENT');
    expect(computeNextStep(done, 'v2')).toBe('DASHBOARD');
  });

  it('asks to sign again when the agreement version changed', () => {
    expect(computeNextStep({ ...done, agreementVersion: 'v1' }, 'v2')).toBe('AGREEMENT');
  });
});
