import { Injectable } from '@nestjs/common';

/** The agent onboarding order: each step opens once the ones before it are done. */
export const ONBOARDING_STEPS = ['VERIFY_CONTACT', 'COMPLETE_PROFILE', 'KYC', 'ASSESSMENT', 'AGREEMENT', 'DASHBOARD'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** What a complete agent profile needs, named as the API names them. */
export const PROFILE_FIELDS = ['dateOfBirth', 'addressLine', 'city', 'country', 'photo', 'qualifications'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Where an agent's onboarding continues, and which profile fields are still missing. */
export interface RegistrationStatus {
  nextStep: OnboardingStep;
  missingFields: ProfileField[];
}

export type RegistrationStatusResolver = (userId: string) => Promise<RegistrationStatus>;

/**
 * Where login and `GET /agents/me` get an agent's registration status. The agents module registers
 * the full computation; until it does, callers fall back to what they know themselves.
 */
@Injectable()
export class OnboardingRegistry {
  private resolver?: RegistrationStatusResolver;

  register(resolver: RegistrationStatusResolver): void {
    this.resolver = resolver;
  }

  async status(userId: string, fallback: () => Promise<RegistrationStatus>): Promise<RegistrationStatus> {
    return this.resolver ? this.resolver(userId) : fallback();
  }

  async nextStep(userId: string, fallback: () => Promise<OnboardingStep>): Promise<OnboardingStep> {
    return this.resolver ? (await this.resolver(userId)).nextStep : fallback();
  }
}
