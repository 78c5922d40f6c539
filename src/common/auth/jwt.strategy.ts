import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { AccessTokenService } from './access-token.service.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';
import { bearerToken } from './bearer-token.js';
import { SessionUserRepository } from './session-user.repository.js';

/** What the strategy reads a token from: an HTTP request's headers, or the same shape for a socket handshake. */
export interface BearerCarrier {
  headers: { authorization?: string | string[] };
}

/** Each application's own passport, so two applications in one process (tests) keep their own strategy. */
type Authenticator = InstanceType<typeof passport.Authenticator>;
const passportOf = new WeakMap<object, Authenticator>();

/**
 * The passport `jwt` strategy every bearer token goes through (HTTP requests and Socket.IO
 * handshakes): passport-jwt checks the HS256 signature and the expiry, then `validate` reads the
 * user in one query. The secret is the KeyObject `AccessTokenService` holds: given a string,
 * jsonwebtoken first tries to parse it as a public key on every verification (40 to 90 times
 * slower: `npm run bench:tokens`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: AccessTokenService,
    private readonly users: SessionUserRepository,
  ) {
    super({
      jwtFromRequest: (request: BearerCarrier) => bearerToken(request.headers.authorization) ?? null,
      // passport-jwt hands the key to jsonwebtoken as it is; its types predate KeyObject keys.
      secretOrKey: tokens.verificationKey as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  /** Where `PassportStrategy` registers the strategy: this application's passport, not the global one. */
  getPassportInstance(): Authenticator {
    const own = passportOf.get(this) ?? new passport.Authenticator();
    passportOf.set(this, own);
    return own;
  }

  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !isUUID(claims.sub)) return false;
    const user = await this.users.findActive(claims.sub);
    if (!user) return false;
    // A password change ends every session at once, access tokens included (iat has 1 s resolution).
    if (user.passwordChangedAt && (claims.iat ?? 0) < Math.floor(user.passwordChangedAt.getTime() / 1000)) return false;
    return { id: user.id, role: user.role, status: user.status };
  }
}
