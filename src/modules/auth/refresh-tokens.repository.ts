import { Injectable } from '@nestjs/common';
import type { UserRole, UserStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

export type RotateOutcome = { outcome: 'ROTATED'; user: { id: string; role: UserRole; status: UserStatus } } | { outcome: 'REUSED' } | { outcome: 'INVALID' };

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: TransactionHost) {}

  async create(input: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.client.refreshToken.create({ data: { ...input, createdAt: new Date() } });
  }

  /**
   * Swaps a refresh token for a new one in the same family. A token that was already rotated (or that
   * loses a race to rotate) is a reuse: the whole family is revoked. The transaction returns rather
   * than throws, so the revocation is committed.
   */
  rotate(tokenHash: string, next: { tokenHash: string; expiresAt: Date }): Promise<RotateOutcome> {
    return this.db.transaction(async (tx) => {
      const row = await tx.refreshToken.findUnique({
        where: { tokenHash },
        select: {
          id: true,
          familyId: true,
          expiresAt: true,
          rotatedAt: true,
          revokedAt: true,
          createdAt: true,
          user: { select: { id: true, role: true, status: true, deletedAt: true, passwordChangedAt: true } },
        },
      });
      if (!row) return { outcome: 'INVALID' };
      const now = new Date();
      const revokeFamily = () => tx.refreshToken.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: now } });
      if (row.revokedAt) return { outcome: 'INVALID' };
      if (row.rotatedAt) {
        await revokeFamily();
        return { outcome: 'REUSED' };
      }
      const { user } = row;
      const usable =
        row.expiresAt > now &&
        !user.deletedAt &&
        (user.status === 'ACTIVE' || user.status === 'PENDING') &&
        !(user.passwordChangedAt && row.createdAt < user.passwordChangedAt);
      if (!usable) {
        await revokeFamily();
        return { outcome: 'INVALID' };
      }
      const { count } = await tx.refreshToken.updateMany({ where: { id: row.id, rotatedAt: null, revokedAt: null }, data: { rotatedAt: now } });
      if (count === 0) {
        await revokeFamily();
        return { outcome: 'REUSED' };
      }
      await tx.refreshToken.create({ data: { userId: user.id, familyId: row.familyId, tokenHash: next.tokenHash, expiresAt: next.expiresAt, createdAt: now } });
      return { outcome: 'ROTATED', user: { id: user.id, role: user.role, status: user.status } };
    });
  }

  /** Revokes every live refresh token of the user. */
  async revokeAllOf(userId: string, at: Date): Promise<void> {
    await this.db.client.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  }

  /** Revokes the family the token belongs to (logout); unknown tokens change nothing. */
  async revokeFamilyOf(tokenHash: string): Promise<void> {
    const row = await this.db.client.refreshToken.findUnique({ where: { tokenHash }, select: { familyId: true } });
    if (row) await this.db.client.refreshToken.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
