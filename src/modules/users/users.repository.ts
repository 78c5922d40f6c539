import { Injectable } from '@nestjs/common';
import type { UserRole } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

export const USER_SUMMARY = { id: true, name: true, email: true, role: true, status: true, avatarKey: true } as const;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findSummary(id: string) {
    return this.prisma.user.findFirst({ where: { id, deletedAt: null }, select: USER_SUMMARY });
  }

  findActiveWithRole(id: string, roles: readonly UserRole[]) {
    return this.prisma.user.findFirst({
      where: { id, deletedAt: null, status: 'ACTIVE', role: { in: [...roles] } },
      select: USER_SUMMARY,
    });
  }

  listActiveIdsWithRoles(roles: readonly UserRole[]) {
    return this.prisma.user
      .findMany({ where: { deletedAt: null, status: 'ACTIVE', role: { in: [...roles] } }, select: { id: true } })
      .then((rows) => rows.map((row) => row.id));
  }

  findChatPreferences(id: string) {
    return this.prisma.user.findFirst({
      where: { id, deletedAt: null },
      select: { chatTone: true, chatResponseLength: true, chatCustomInstructions: true },
    });
  }

  findFcmToken(id: string) {
    return this.prisma.user.findFirst({ where: { id, deletedAt: null }, select: { fcmToken: true } }).then((row) => row?.fcmToken ?? null);
  }
}
