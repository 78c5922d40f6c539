import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { ChatResponseLength, ChatTone, DeliveryChannel, UserRole, UserStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { USER_PROFILE } from './dto/user.dto.js';

export const USER_SUMMARY = { id: true, name: true, email: true, role: true, status: true, avatarKey: true } as const;

const ACTIVE_STATUSES: UserStatus[] = ['ACTIVE', 'PENDING'];

@Injectable()
export class UsersRepository {
  constructor(private readonly db: TransactionHost) {}

  findSummary(id: string) {
    return this.db.client.user.findFirst({ where: { id, deletedAt: null }, select: USER_SUMMARY });
  }

  findActiveWithRole(id: string, roles: readonly UserRole[]) {
    return this.db.client.user.findFirst({
      where: { id, deletedAt: null, status: 'ACTIVE', role: { in: [...roles] } },
      select: USER_SUMMARY,
    });
  }

  listActiveIdsWithRoles(roles: readonly UserRole[]) {
    return this.db.client.user
      .findMany({ where: { deletedAt: null, status: 'ACTIVE', role: { in: [...roles] } }, select: { id: true } })
      .then((rows) => rows.map((row) => row.id));
  }

  findChatPreferences(id: string) {
    return this.db.client.user.findFirst({
      where: { id, deletedAt: null },
      select: { chatTone: true, chatResponseLength: true, chatCustomInstructions: true },
    });
  }

  findFcmToken(id: string) {
    return this.db.client.user.findFirst({ where: { id, deletedAt: null }, select: { fcmToken: true } }).then((row) => row?.fcmToken ?? null);
  }

  // --- the signed-in user's own record ---

  findProfile(id: string) {
    return this.db.client.user.findFirst({ where: { id, deletedAt: null }, select: USER_PROFILE });
  }

  findPasswordHash(id: string) {
    return this.db.client.user.findFirst({ where: { id, deletedAt: null }, select: { passwordHash: true, email: true, phone: true, username: true } });
  }

  /** A new phone number is unverified until an OTP proves it. */
  updateProfile(id: string, data: { name?: string; phone?: string; username?: string }, phoneChanged: boolean) {
    return this.db.client.user.update({
      where: { id, deletedAt: null },
      data: { ...data, ...(phoneChanged ? { phoneVerifiedAt: null } : {}) },
      select: USER_PROFILE,
    });
  }

  /** Sets the new avatar and returns the key of the one it replaces (to delete its file). */
  replaceAvatar(id: string, avatarKey: string) {
    return this.db.transaction(async (tx) => {
      // Locked, so two concurrent uploads each learn the key they replaced and no file is orphaned.
      const [before] = await tx.$queryRaw<
        { avatar_key: string | null }[]
      >`SELECT avatar_key FROM users WHERE id = ${id}::uuid AND deleted_at IS NULL FOR UPDATE`;
      const after = await tx.user.update({ where: { id, deletedAt: null }, data: { avatarKey }, select: USER_PROFILE });
      return { previousKey: before?.avatar_key ?? null, user: after };
    });
  }

  findAvatarKey(id: string) {
    return this.db.client.user.findFirst({ where: { id, deletedAt: null }, select: { avatarKey: true } }).then((row) => row?.avatarKey ?? null);
  }

  /** Stores the new hash only if the old one is still current, so two racing changes cannot both pass. */
  async changePassword(id: string, expectedHash: string, passwordHash: string): Promise<boolean> {
    const { count } = await this.db.client.user.updateMany({
      where: { id, deletedAt: null, passwordHash: expectedHash },
      data: { passwordHash, passwordChangedAt: new Date() },
    });
    return count === 1;
  }

  /** Clears the push token only if it is still the one reported dead (the user may have a new one). */
  clearFcmTokenIfCurrent(id: string, fcmToken: string) {
    return this.db.client.user.updateMany({ where: { id, fcmToken }, data: { fcmToken: null } });
  }

  setFcmToken(id: string, fcmToken: string | null) {
    return this.db.client.user.update({ where: { id, deletedAt: null }, data: { fcmToken }, select: { id: true } });
  }

  updateChatPreferences(id: string, data: { chatTone?: ChatTone; chatResponseLength?: ChatResponseLength; chatCustomInstructions?: string | null }) {
    return this.db.client.user.update({
      where: { id, deletedAt: null },
      data,
      select: { chatTone: true, chatResponseLength: true, chatCustomInstructions: true },
    });
  }

  findActiveIdByContact(channel: DeliveryChannel, target: string) {
    const where: Prisma.UserWhereInput = channel === 'EMAIL' ? { email: target } : { phone: target };
    return this.db.client.user
      .findFirst({ where: { ...where, deletedAt: null, status: { in: ACTIVE_STATUSES } }, select: { id: true } })
      .then((row) => row?.id ?? null);
  }

  // --- staff management ---

  async list(filter: { role?: UserRole; status?: UserStatus; search?: string }, page: { skip: number; take: number }) {
    const where: Prisma.UserWhereInput = {
      deletedAt: null,
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.search
        ? {
            OR: (['name', 'email', 'phone', 'username'] as const).map((field) => ({ [field]: { contains: filter.search, mode: 'insensitive' } })),
          }
        : {}),
    };
    const [items, total] = await Promise.all([
      this.db.client.user.findMany({ where, select: USER_PROFILE, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...page }),
      this.db.client.user.count({ where }),
    ]);
    return { items, total };
  }

  findManaged(id: string) {
    return this.db.client.user.findFirst({
      where: { id, deletedAt: null },
      select: { id: true, role: true, status: true, email: true, phone: true, username: true },
    });
  }

  /** A staff-created user (its role's profile row is the owning module's write, see UsersService). */
  create(data: { email: string; name: string; passwordHash: string; role: UserRole; phone?: string; username?: string }) {
    return this.db.client.user.create({ data: { ...data, status: 'ACTIVE' }, select: USER_PROFILE });
  }

  /** Locks the user's row (deleted or not) for the rest of the caller's transaction. */
  async lockUser(id: string): Promise<void> {
    await this.db.client.$queryRaw`SELECT id FROM users WHERE id = ${id}::uuid FOR UPDATE`;
  }

  /** The ids of the active SUPER_ADMINs, their rows locked for the rest of the caller's transaction. */
  async lockActiveSuperAdminIds(): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM users WHERE role = 'SUPER_ADMIN' AND status = 'ACTIVE' AND deleted_at IS NULL FOR UPDATE`;
    return rows.map((row) => row.id);
  }

  /** Applies a staff change only if the user is still in the role and status the caller checked. */
  async updateManagedIfUnchanged(id: string, expected: { role: UserRole; status: UserStatus }, data: Prisma.UserUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.db.client.user.updateMany({ where: { id, deletedAt: null, role: expected.role, status: expected.status }, data });
    return count === 1;
  }

  // --- presence ---

  /** The time, when this call turned the user online (so the change is announced once); null otherwise. */
  async markOnline(id: string): Promise<Date | null> {
    const lastSeenAt = new Date();
    const { count } = await this.db.client.user.updateMany({ where: { id, isOnline: false }, data: { isOnline: true, lastSeenAt } });
    return count === 1 ? lastSeenAt : null;
  }

  async markOffline(id: string): Promise<Date | null> {
    const lastSeenAt = new Date();
    const { count } = await this.db.client.user.updateMany({ where: { id, isOnline: true }, data: { isOnline: false, lastSeenAt } });
    return count === 1 ? lastSeenAt : null;
  }

  async listOnline(page: { skip: number; take: number }) {
    const where: Prisma.UserWhereInput = { isOnline: true, deletedAt: null };
    const [items, total] = await Promise.all([
      this.db.client.user.findMany({
        where,
        select: { id: true, name: true, role: true, lastSeenAt: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        ...page,
      }),
      this.db.client.user.count({ where }),
    ]);
    return { items, total };
  }
}
