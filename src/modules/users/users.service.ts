import { HttpStatus, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { ChatResponseLength, ChatTone, DeliveryChannel, UserRole, type UserStatus } from '../../generated/prisma/enums.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, PaginationQueryDto, toPage } from '../../common/pagination/pagination.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { detectAllowedType, IMAGE_TYPES } from '../../infra/storage/file-type.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/manage-users.dto.js';
import { ChangePasswordDto, UpdateChatPreferencesDto, UpdateMeDto } from './dto/update-me.dto.js';
import { ChatPreferencesDto, OnlineUserDto, toChatPreferencesDto, toUserDto, UserDto } from './dto/user.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { assertStrongPassword } from './password-policy.js';
import { canManageRole, canTransition, removesSuperAdmin } from './staff-rules.js';
import { UsersRepository } from './users.repository.js';

const AVATAR_CONTENT_TYPES: Readonly<Record<string, string>> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Users: what other modules may ask (first block), the caller's own account, staff management. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly storage: StorageProvider,
    private readonly realtime: RealtimeService,
    private readonly db: TransactionHost,
  ) {}

  private readonly roleProfiles = new Map<UserRole, (userId: string) => Promise<void>>();

  /** id, name, email, role, status, avatarKey; null when missing or deleted. */
  getSummary(id: string) {
    return this.users.findSummary(id);
  }

  /** The user when active and in one of `roles` (e.g. "transfer only to an active admin"). */
  findActiveWithRole(id: string, roles: readonly UserRole[]) {
    return this.users.findActiveWithRole(id, roles);
  }

  listActiveIdsWithRoles(roles: readonly UserRole[]) {
    return this.users.listActiveIdsWithRoles(roles);
  }

  /** tone, response length and custom instructions for the AI chat. */
  getChatPreferences(id: string) {
    return this.users.findChatPreferences(id);
  }

  getFcmToken(id: string) {
    return this.users.findFcmToken(id);
  }

  async forgetDeadFcmToken(id: string, token: string): Promise<void> {
    await this.users.clearFcmTokenIfCurrent(id, token);
  }

  /** The id of the active (not deleted, not suspended) account with this email or phone, if any. */
  findActiveIdByContact(channel: DeliveryChannel, target: string): Promise<string | null> {
    return this.users.findActiveIdByContact(channel, target);
  }

  /**
   * Locks the user's row until the caller's transaction ends, so that one user's concurrent
   * requests which count then write (a dispute, an assessment start, an identity attempt) run one
   * after the other. Only meaningful inside `withTransaction`, hence refused outside one.
   */
  async lockUser(id: string): Promise<void> {
    if (!this.db.active) throw new Error("UsersService.lockUser runs inside the caller's transaction");
    await this.users.lockUser(id);
  }

  // --- the signed-in user ---

  async getProfile(userId: string): Promise<UserDto> {
    const row = await this.users.findProfile(userId);
    if (!row) throw notFound('User');
    return toUserDto(row);
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<UserDto> {
    const current = await this.users.findProfile(user.id);
    if (!current) throw notFound('User');
    const phoneChanged = dto.phone !== undefined && dto.phone !== current.phone;
    return toUserDto(await this.users.updateProfile(user.id, dto, phoneChanged));
  }

  async changePassword(user: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const account = await this.users.findPasswordHash(user.id);
    if (!account) throw notFound('User');
    if (!(await this.hasher.matches(dto.currentPassword, account.passwordHash))) {
      throw badRequest('INVALID_CURRENT_PASSWORD', 'The current password is not correct', [
        { field: 'currentPassword', message: 'currentPassword is not correct' },
      ]);
    }
    if (dto.newPassword === dto.currentPassword) {
      throw badRequest('SAME_PASSWORD', 'The new password must differ from the current one', [
        { field: 'newPassword', message: 'newPassword must differ from currentPassword' },
      ]);
    }
    assertStrongPassword(dto.newPassword, account, 'newPassword');
    // passwordChangedAt invalidates every access and refresh token issued before it; open sockets are closed.
    const changed = await this.users.changePassword(user.id, account.passwordHash, await this.hasher.hash(dto.newPassword));
    if (!changed) throw conflict('CONCURRENT_UPDATE', 'The password was changed by another request; sign in again');
    this.realtime.disconnectUser(user.id, 'password_changed');
  }

  async replaceAvatar(user: AuthUser, file: { buffer?: Buffer } | undefined): Promise<UserDto> {
    if (!file?.buffer?.length)
      throw badRequest('FILE_REQUIRED', 'Send the image as the multipart field "file"', [{ field: 'file', message: 'file is required' }]);
    const type = await detectAllowedType(file.buffer, IMAGE_TYPES);
    const stored = await this.storage.save('avatars', file.buffer, type.mime, type.ext);
    const { previousKey, user: row } = await this.users.replaceAvatar(user.id, stored.key).catch(async (error: unknown) => {
      await this.storage.remove(stored.key);
      throw error;
    });
    if (previousKey) await this.storage.remove(previousKey);
    return toUserDto(row);
  }

  async openAvatar(userId: string) {
    const key = await this.users.findAvatarKey(userId);
    if (!key) throw notFound('Avatar');
    const extension = key.split('.').pop() ?? '';
    return { stream: await this.storage.read(key), contentType: AVATAR_CONTENT_TYPES[extension] ?? 'application/octet-stream' };
  }

  async setFcmToken(user: AuthUser, token: string | null): Promise<void> {
    await this.users.setFcmToken(user.id, token);
  }

  async updateChatPreferences(user: AuthUser, dto: UpdateChatPreferencesDto): Promise<ChatPreferencesDto> {
    const row = await this.users.updateChatPreferences(user.id, {
      ...(dto.tone ? { chatTone: dto.tone === 'casual' ? ChatTone.CASUAL : ChatTone.FORMAL } : {}),
      ...(dto.responseLength ? { chatResponseLength: dto.responseLength === 'concise' ? ChatResponseLength.CONCISE : ChatResponseLength.DETAILED } : {}),
      ...(dto.customInstructions !== undefined ? { chatCustomInstructions: dto.customInstructions || null } : {}),
    });
    return toChatPreferencesDto(row);
  }

  // --- staff management ---

  async list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const { items, total } = await this.users.list({ role: query.role, status: query.status, search: query.search }, pageArgs(query));
    return toPage(items, total, query, toUserDto);
  }

  async listOnline(query: PaginationQueryDto): Promise<Page<OnlineUserDto>> {
    const { items, total } = await this.users.listOnline(pageArgs(query));
    return toPage(items, total, query, (row) => ({ userId: row.id, name: row.name, role: row.role, lastSeenAt: row.lastSeenAt?.toISOString() ?? null }));
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    if (!canManageRole(actor.role, dto.role)) throw forbidden(`A ${actor.role} may not create a ${dto.role}`);
    assertStrongPassword(dto.password, dto);
    const { password, ...data } = dto;
    const passwordHash = await this.hasher.hash(password);
    return toUserDto(
      await this.db.withTransaction(async () => {
        const user = await this.users.create({ ...data, passwordHash });
        await this.createRoleProfile(user.role, user.id);
        return user;
      }),
    );
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const target = await this.findManageable(actor, id);
    if (dto.role !== undefined && dto.role !== target.role && !canManageRole(actor.role, dto.role)) {
      throw forbidden(`A ${actor.role} may not grant the role ${dto.role}`);
    }
    if (dto.status !== undefined && !canTransition(target.status, dto.status)) {
      throw conflict('INVALID_STATUS_TRANSITION', `A ${target.status} user cannot become ${dto.status}`);
    }
    const data = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.role !== undefined ? { role: dto.role } : {}),
      ...(dto.status !== undefined ? { status: dto.status } : {}),
    };
    await this.updateManaged(id, target, data, removesSuperAdmin(target, dto));
    // Open sockets carry the role and status of their handshake: make them reconnect with the new ones.
    if (dto.status !== undefined && dto.status !== target.status) this.realtime.disconnectUser(id, 'status_changed');
    else if (dto.role !== undefined && dto.role !== target.role) this.realtime.disconnectUser(id, 'role_changed');
    return this.getProfile(id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    const target = await this.findManageable(actor, id);
    const deleted = {
      deletedAt: new Date(),
      status: 'DEACTIVATED' as const,
      // Released so the person can sign up again; the row stays for the records that point to it.
      email: null,
      phone: null,
      username: null,
      fcmToken: null,
      isOnline: false,
    };
    await this.updateManaged(id, target, deleted, removesSuperAdmin(target, { deleted: true }));
    this.realtime.disconnectUser(id, 'deleted');
  }

  private async findManageable(actor: AuthUser, id: string) {
    if (id === actor.id) throw forbidden('Nobody manages their own account here; use /users/me');
    const target = await this.users.findManaged(id);
    if (!target) throw notFound('User');
    if (!canManageRole(actor.role, target.role)) throw forbidden(`A ${actor.role} may not manage a ${target.role}`);
    return target;
  }

  /**
   * A module that keeps a profile row per user of `role` (agents, clients) registers how to create
   * it; a user who gets that role (signup, staff creation, role change) gets the row in the same
   * transaction. The row is that module's write: this module does not touch its table.
   */
  registerRoleProfile(role: UserRole, create: (userId: string) => Promise<void>): void {
    this.roleProfiles.set(role, create);
  }

  /** Creates the profile row `role` needs (if any, and unless it exists), inside the caller's transaction. */
  async createRoleProfile(role: UserRole, userId: string): Promise<void> {
    await this.roleProfiles.get(role)?.(userId);
  }

  /**
   * Applies a staff change in one transaction, if the user is still in the role and status the
   * caller checked. When the change takes an active SUPER_ADMIN away, every active SUPER_ADMIN row
   * is locked first and at least one other must remain, so two super admins removing each other
   * cannot both succeed. A user moved into a role with a profile gets its row, as at signup.
   */
  private updateManaged(
    id: string,
    expected: { role: UserRole; status: UserStatus },
    data: Prisma.UserUpdateManyMutationInput & { role?: UserRole },
    protectLastSuperAdmin: boolean,
  ): Promise<void> {
    return this.db.withTransaction(async () => {
      if (protectLastSuperAdmin && !(await this.users.lockActiveSuperAdminIds()).some((other) => other !== id)) {
        throw new AppError(HttpStatus.CONFLICT, 'LAST_SUPER_ADMIN', 'The last active SUPER_ADMIN cannot be removed');
      }
      if (!(await this.users.updateManagedIfUnchanged(id, expected, data))) {
        throw conflict('CONCURRENT_UPDATE', 'Another request changed this user at the same time; reload and try again');
      }
      if (data.role) await this.createRoleProfile(data.role, id);
    });
  }
}
