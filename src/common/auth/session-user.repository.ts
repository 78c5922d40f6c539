import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service.js';
import type { AuthUser } from './auth-user.js';

/** Reads the current role and status of a token's subject on every request, so that a deactivated
 *  or deleted user is refused at once rather than when the token expires. */
@Injectable()
export class SessionUserRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActive(id: string): Promise<(AuthUser & { passwordChangedAt: Date | null }) | null> {
    return this.prisma.user.findFirst({
      where: { id, deletedAt: null, status: { in: ['ACTIVE', 'PENDING'] } },
      select: { id: true, role: true, status: true, passwordChangedAt: true },
    });
  }
}
