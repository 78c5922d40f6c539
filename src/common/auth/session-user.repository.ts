import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service.js';
import type { AuthUser } from './auth-user.js';

/** Reads the current role and status of a token's subject on every request, so that a deactivated
 *  or deleted user is refused at once rather than when the token expires. */
@Injectable()
export class SessionUserRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The hottest query of the app (every authenticated request and handshake), so it goes straight
   * to the pg pool: through the ORM it costs several times the CPU of the query itself.
   */
  async findActive(id: string): Promise<(AuthUser & { passwordChangedAt: Date | null }) | null> {
    const { rows } = await this.prisma.pool.query<AuthUser & { passwordChangedAt: Date | null }>({
      name: 'session-user',
      text: `SELECT id, role, status, password_changed_at AS "passwordChangedAt" FROM users
             WHERE id = $1 AND deleted_at IS NULL AND status IN ('ACTIVE', 'PENDING')`,
      values: [id],
    });
    return rows[0] ?? null;
  }
}
