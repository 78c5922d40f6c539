import { Injectable } from '@nestjs/common';
import type { UserRole } from '../../generated/prisma/enums.js';
import { UsersRepository } from './users.repository.js';

/** What other modules may ask about users (they never read the users table themselves). */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

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
}
