import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { UserRole } from '../../generated/prisma/enums.js';
import { ApiErrorResponse } from '../swagger/api-envelope.js';

export const ACCESS_KEY = 'access';

/** Who may call a handler. Every controller handler and gateway handler declares one of these. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly UserRole[] }
  | { kind: 'guest-or-roles'; guest: string; roles: readonly UserRole[] };

/** Anyone, without a token. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any signed-in, active user, whatever the role. */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token', type: ApiErrorResponse }),
  );

/** Signed-in users with one of `roles`; others get 403. */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token', type: ApiErrorResponse }),
    ApiForbiddenResponse({ description: `Only ${roles.join(', ')} may call this`, type: ApiErrorResponse }),
  );

/**
 * A guest credential (e.g. the donor access token, registered under `guest` in the GuestCredentials
 * registry) or a signed-in user with one of `roles`. The guest principal lands on `request.guest`;
 * the handler checks that it matches the resource in the route.
 */
export const GuestOrRoles = (guest: string, ...roles: UserRole[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'guest-or-roles', guest, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: `A ${guest} token or a user token is required`, type: ApiErrorResponse }),
    ApiForbiddenResponse({ description: `Only the ${guest} or ${roles.join(', ')} may call this`, type: ApiErrorResponse }),
  );
