import type { AuthUser } from '../../common/auth/auth-user.js';
import type { GuestPrincipal } from '../../common/auth/guest-credentials.js';
import { AppError } from '../../common/http/app-error.js';

/** Who acts on a donor query: a staff user, or the donor holding that query's token. */
export type QueryActor = { kind: 'staff'; user: AuthUser } | { kind: 'donor'; queryId: string };

/** From a `@GuestOrRoles('query', …)` route: the guard let through either a staff user or a query guest. */
export function queryActor(user: AuthUser | undefined, guest: GuestPrincipal | undefined): QueryActor {
  if (user) return { kind: 'staff', user };
  if (guest?.kind === 'query') return { kind: 'donor', queryId: guest.scopeId };
  throw new AppError(401, 'UNAUTHORIZED', 'A valid access token is required');
}

/** A donor token opens only its own query; any other id answers 404 like a missing one. */
export const actorMaySee = (actor: QueryActor, queryId: string): boolean => actor.kind === 'staff' || actor.queryId === queryId;
