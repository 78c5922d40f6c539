import { ApiProperty } from '@nestjs/swagger';
import { ONBOARDING_STEPS, PROFILE_FIELDS, type OnboardingStep, type ProfileField } from './onboarding.js';

/** The same object on the login answer and on `GET /agents/me`. */
export class RegistrationStatusDto {
  @ApiProperty({ enum: ONBOARDING_STEPS, description: 'The first unfinished onboarding step' }) nextStep: OnboardingStep;

  @ApiProperty({
    enum: PROFILE_FIELDS,
    isArray: true,
    description:
      'Profile fields still missing for a complete profile (COMPLETE_PROFILE): dateOfBirth, addressLine, city, country (PUT /agents/me/profile), ' +
      'photo (PUT /agents/me/photo), qualifications (POST /agents/me/qualifications); empty once the profile is complete',
  })
  missingFields: ProfileField[];
}
