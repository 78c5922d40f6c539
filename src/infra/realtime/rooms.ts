import type { UserRole } from '../../generated/prisma/enums.js';

/** Room names used across the app; build them here so emitters and joiners agree. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  role: (role: UserRole) => `role:${role}`,
  conversation: (id: string) => `conversation:${id}`,
  query: (id: string) => `query:${id}`,
  session: (id: string) => `session:${id}`,
};
