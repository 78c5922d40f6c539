import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AGENT_ROLE_ONLY } from './proctoring.roles.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, PaginationQueryDto, toPage } from '../../common/pagination/pagination.js';
import type { Blacklist } from '../../generated/prisma/client.js';
import { UsersService } from '../users/index.js';
import { BlacklistRepository } from './blacklist.repository.js';
import { BlacklistEntryDto, CreateBlacklistDto } from './dto/blacklist.dto.js';

const toDto = (entry: Blacklist): BlacklistEntryDto => ({
  id: entry.id,
  userId: entry.userId,
  reason: entry.reason,
  createdById: entry.createdById,
  createdAt: entry.createdAt,
});

@Injectable()
export class BlacklistService {
  constructor(
    private readonly blacklist: BlacklistRepository,
    private readonly users: UsersService,
  ) {}

  async add(dto: CreateBlacklistDto, admin: AuthUser): Promise<BlacklistEntryDto> {
    const candidate = await this.users.findActiveWithRole(dto.userId, AGENT_ROLE_ONLY);
    if (!candidate) throw notFound('Candidate');
    if (await this.blacklist.isListed(dto.userId)) throw conflict('ALREADY_BLACKLISTED', 'The candidate is already blacklisted');
    return toDto(await this.blacklist.create(dto.userId, dto.reason, admin.id));
  }

  async remove(userId: string): Promise<void> {
    if (!(await this.blacklist.remove(userId))) throw notFound('Blacklist entry');
  }

  async list(query: PaginationQueryDto): Promise<Page<BlacklistEntryDto>> {
    const { skip, take } = pageArgs(query);
    const [items, total] = await this.blacklist.list(skip, take);
    return toPage(items, total, query, toDto);
  }

  isListed(userId: string): Promise<boolean> {
    return this.blacklist.isListed(userId);
  }
}
