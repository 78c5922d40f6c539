import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user.js';
import { JwtStrategy, type BearerCarrier } from './jwt.strategy.js';

export { bearerToken } from './bearer-token.js';

/**
 * Turns a bearer token into the current user through passport's `jwt` strategy; shared by the global
 * guard (HTTP and socket messages) and the Socket.IO handshake. Undefined for any token that does not
 * name an active user; a failing database is an error, not a refusal.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(private readonly strategy: JwtStrategy) {}

  authenticate(token: string | undefined): Promise<AuthUser | undefined> {
    if (!token) return Promise.resolve(undefined);
    return this.authenticateRequest({ headers: { authorization: `Bearer ${token}` } });
  }

  authenticateRequest(request: BearerCarrier): Promise<AuthUser | undefined> {
    return new Promise((resolve, reject) => {
      const middleware = this.strategy.getPassportInstance().authenticate('jwt', { session: false }, (error: unknown, user: AuthUser | false) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(user || undefined);
      });
      middleware(request, {}, (error?: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    });
  }
}
