import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';

/**
 * Signs and verifies access tokens (HS256). The secret is a KeyObject: jsonwebtoken spends ~40x
 * longer per verify on a string secret, which it first tries to parse as a public key.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: KeyObject;

  /** The HS256 secret as a KeyObject, for the passport strategy that verifies bearer tokens. */
  get verificationKey(): KeyObject {
    return this.key;
  }

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  get ttlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  sign(user: AuthUser): string {
    const claims: Omit<AccessTokenClaims, 'sub'> = { role: user.role, status: user.status, typ: 'access' };
    return this.jwt.sign(claims, { secret: this.key as never, subject: user.id, expiresIn: this.ttlSeconds, algorithm: 'HS256' });
  }

  /** The claims of a valid token, or undefined for anything else (bad signature, `alg: none`, expired). */
  verify(token: string): AccessTokenClaims | undefined {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { secret: this.key as never, algorithms: ['HS256'] });
      return claims.typ === 'access' && typeof claims.sub === 'string' ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
