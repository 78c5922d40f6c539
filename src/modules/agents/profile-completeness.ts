import { PROFILE_FIELDS, type ProfileField } from '../../common/auth/onboarding.js';

/** The stored facts a complete profile is judged on. */
export interface ProfileFacts {
  dateOfBirth: Date | null;
  addressLine: string | null;
  city: string | null;
  country: string | null;
  photoKey: string | null;
  qualificationCount: number;
}

const PRESENT: Readonly<Record<ProfileField, (p: ProfileFacts) => boolean>> = {
  dateOfBirth: (p) => p.dateOfBirth !== null,
  addressLine: (p) => Boolean(p.addressLine?.trim()),
  city: (p) => Boolean(p.city?.trim()),
  country: (p) => Boolean(p.country?.trim()),
  photo: (p) => p.photoKey !== null,
  qualifications: (p) => p.qualificationCount > 0,
};

/** What the profile still lacks, in a fixed order; empty means the profile is complete. */
export function missingProfileFields(profile: ProfileFacts | null): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => !profile || !PRESENT[field](profile));
}
