import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AccessTokenService } from '../../common/auth/access-token.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { TokenPairDto } from './dto/auth.dto.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { generateToken, tokenHash } from './secrets.js';

const invalidRefresh = () => new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_REFRESH_TOKEN', 'The refresh token is not valid; sign in again');

/** Access tokens plus refresh tokens in rotating families (stored hashed). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly config: AppConfig,
  ) {}

  /** A new session: an access token and the first refresh token of a new family. */
  async start(user: AuthUser): Promise<TokenPairDto> {
    const refreshToken = generateToken();
    await this.refreshTokens.create({ userId: user.id, familyId: randomUUID(), tokenHash: tokenHash(refreshToken), expiresAt: this.refreshExpiry() });
    return this.pair(user, refreshToken);
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const next = generateToken();
    const result = await this.refreshTokens.rotate(tokenHash(refreshToken), { tokenHash: tokenHash(next), expiresAt: this.refreshExpiry() });
    if (result.outcome === 'REUSED') {
      throw new AppError(HttpStatus.UNAUTHORIZED, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; every session it belonged to is signed out');
    }
    if (result.outcome !== 'ROTATED') throw invalidRefresh();
    return this.pair(result.user, next);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeFamilyOf(tokenHash(refreshToken));
  }

  /** Ends every refresh-token family of the user (a password reset); joins the caller's transaction. */
  revokeAll(userId: string, at: Date): Promise<void> {
    return this.refreshTokens.revokeAllOf(userId, at);
  }

  private pair(user: AuthUser, refreshToken: string): TokenPairDto {
    return { token: this.accessTokens.sign(user), refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.jwt.refreshTtlDays * 86_400_000);
  }
}
