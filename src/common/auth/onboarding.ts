import { Injectable } from '@nestjs/common';

/** The agent onboarding order (hitouchcx §3). */
export const ONBOARDING_STEPS = ['VERIFY_CONTACT', 'COMPLETE_PROFILE', 'KYC', 'ASSESSMENT', 'AGREEMENT', 'DASHBOARD'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export type NextStepResolver = (userId: string) => Promise<OnboardingStep>;

/**
 * Where login and `GET /agents/me` get an agent's next onboarding step. The agents module registers
 * the full computation; until it does, callers fall back to what they know themselves.
 */
@Injectable()
export class OnboardingRegistry {
  private resolver?: NextStepResolver;

  register(resolver: NextStepResolver): void {
    this.resolver = resolver;
  }

  async nextStep(userId: string, fallback: () => Promise<OnboardingStep>): Promise<OnboardingStep> {
    return this.resolver ? this.resolver(userId) : fallback();
  }
}
