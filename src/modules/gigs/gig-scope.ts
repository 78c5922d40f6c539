import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** A gig's parties are its agent and its client; staff see every gig. */
export type GigScope = { partyUserId: string } | 'ALL';

export const gigScopeOf = (user: AuthUser): GigScope => (isStaff(user.role) ? 'ALL' : { partyUserId: user.id });

export function gigWhere(scope: GigScope): Prisma.SelectedGigWhereInput {
  if (scope === 'ALL') return {};
  return { OR: [{ agent: { userId: scope.partyUserId } }, { client: { userId: scope.partyUserId } }] };
}
