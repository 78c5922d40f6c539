import { UserRole, UserStatus } from '../../generated/prisma/enums.js';
import { outranks } from '../../common/auth/roles.js';

/** SUPER_ADMIN manages every role (the last one is protected elsewhere); others only roles below their own. */
export const canManageRole = (actor: UserRole, target: UserRole): boolean => actor === UserRole.SUPER_ADMIN || outranks(actor, target);

/** The user status machine for staff changes. */
const TRANSITIONS: Readonly<Record<UserStatus, readonly UserStatus[]>> = {
  PENDING: [UserStatus.ACTIVE, UserStatus.DEACTIVATED],
  ACTIVE: [UserStatus.SUSPENDED, UserStatus.DEACTIVATED],
  SUSPENDED: [UserStatus.ACTIVE, UserStatus.DEACTIVATED],
  DEACTIVATED: [UserStatus.ACTIVE],
};

export const canTransition = (from: UserStatus, to: UserStatus): boolean => TRANSITIONS[from].includes(to);

/** Whether a change takes an active SUPER_ADMIN away (demotion, suspension, deactivation, deletion). */
export function removesSuperAdmin(current: { role: UserRole; status: UserStatus }, next: { role?: UserRole; status?: UserStatus; deleted?: boolean }): boolean {
  if (current.role !== UserRole.SUPER_ADMIN || current.status !== UserStatus.ACTIVE) return false;
  return (
    Boolean(next.deleted) || (next.role !== undefined && next.role !== UserRole.SUPER_ADMIN) || (next.status !== undefined && next.status !== UserStatus.ACTIVE)
  );
}
