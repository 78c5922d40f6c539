import { UserRole } from '../../generated/prisma/enums.js';

export { UserRole };

export const ADMIN_ROLES: readonly UserRole[] = [UserRole.SUPER_ADMIN, UserRole.ADMIN];
export const STAFF_ROLES: readonly UserRole[] = [UserRole.SUPER_ADMIN, UserRole.ADMIN, UserRole.SUPPORT_AGENT];

export const isStaff = (role: UserRole): boolean => STAFF_ROLES.includes(role);

/** Rank for "who may manage whom": a user manages only roles strictly below their own. */
const RANK: Readonly<Record<UserRole, number>> = {
  SUPER_ADMIN: 4,
  ADMIN: 3,
  SUPPORT_AGENT: 2,
  AGENT: 1,
  CLIENT: 1,
  CUSTOMER: 1,
};

export const outranks = (actor: UserRole, target: UserRole): boolean => RANK[actor] > RANK[target];
