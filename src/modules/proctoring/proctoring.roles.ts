import { UserRole } from '../../generated/prisma/enums.js';

/** Candidates are agents being onboarded. */
export const AGENT_ROLE_ONLY: readonly UserRole[] = [UserRole.AGENT];
