import type { UserRole } from '../../generated/prisma/enums.js';

/** The profile row a new user of `role` starts with (agents and clients have one), as nested-create data. */
export function profileFor(role: UserRole) {
  if (role === 'AGENT') return { agentProfile: { create: {} } };
  if (role === 'CLIENT') return { clientProfile: { create: {} } };
  return {};
}
