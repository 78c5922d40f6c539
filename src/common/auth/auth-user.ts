import type { UserRole, UserStatus } from '../../generated/prisma/enums.js';

/** The caller of a request or socket, as the auth guard resolved it from the token and the database. */
export interface AuthUser {
  id: string;
  role: UserRole;
  status: UserStatus;
}

/** Claims of an access token. `role` and `status` are informative; the guard re-reads both. */
export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  status: UserStatus;
  typ: 'access';
  iat?: number;
  exp?: number;
}
