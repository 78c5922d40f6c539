import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AccessTokenService } from './access-token.service.js';
import type { AuthUser } from './auth-user.js';
import { SessionUserRepository } from './session-user.repository.js';

/** Turns a bearer token into the current user; shared by the HTTP guard and the Socket.IO handshake. */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly users: SessionUserRepository,
  ) {}

  async authenticate(token: string | undefined): Promise<AuthUser | undefined> {
    if (!token) return undefined;
    const claims = this.tokens.verify(token);
    if (!claims || !isUUID(claims.sub)) return undefined;
    const user = await this.users.findActive(claims.sub);
    if (!user) return undefined;
    // A password change ends every session at once, access tokens included (iat has 1 s resolution).
    if (user.passwordChangedAt && (claims.iat ?? 0) < Math.floor(user.passwordChangedAt.getTime() / 1000)) return undefined;
    return { id: user.id, role: user.role, status: user.status };
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
