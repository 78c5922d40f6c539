import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { ADMIN_ROLES, UserRole } from '../../common/auth/roles.js';
import { NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { DisputesRepository, type DisputeScope } from './disputes.repository.js';
import type { CreateDisputeDto, DisputeResponseDto, ListDisputesQueryDto, ResolveDisputeDto } from './dto/dispute.dto.js';
import { toDisputeDto } from './gigs.mapper.js';

@Injectable()
export class DisputesService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly db: TransactionHost,
  ) {}

  async open(user: AuthUser, dto: CreateDisputeDto): Promise<DisputeResponseDto> {
    const parties = await this.disputes.partiesOf(dto.targetType, dto.targetId);
    // Someone else's record and a missing one look the same.
    if (!parties || (parties.agentUserId !== user.id && parties.clientUserId !== user.id)) throw notFound('Disputed record');
    const counterpartyId = parties.agentUserId === user.id ? parties.clientUserId : parties.agentUserId;
    const deadlineAt = new Date(Date.now() + this.config.gigs.disputeDeadlineDays * 86_400_000);
    // The raiser's row is locked first, so two parallel openings on one record are counted one after the other.
    const dispute = await this.db.withTransaction(async () => {
      await this.users.lockUser(user.id);
      if ((await this.disputes.countOpenBy(user.id, dto.targetType, dto.targetId)) > 0) {
        throw conflict('DISPUTE_OPEN', 'You already have an open dispute on this record');
      }
      return this.disputes.create({
        raisedById: user.id,
        counterpartyId,
        targetType: dto.targetType,
        targetId: dto.targetId,
        reason: dto.reason,
        deadlineAt,
      });
    });
    const opened = {
      type: 'dispute.opened',
      title: 'Dispute opened',
      body: `A dispute was opened on a ${dispute.targetType.toLowerCase()}: ${dto.reason}`,
      data: { disputeId: dispute.id, targetType: dispute.targetType },
    } as const;
    await this.notifications.notify([counterpartyId], opened);
    await this.notifications.notifyRoles(ADMIN_ROLES, opened, [counterpartyId, user.id]);
    return toDisputeDto(dispute);
  }

  async list(user: AuthUser, query: ListDisputesQueryDto): Promise<Page<DisputeResponseDto>> {
    const { items, total } = await this.disputes.list(this.scope(user), { status: query.status }, pageArgs(query));
    return toPage(items, total, query, toDisputeDto);
  }

  async get(user: AuthUser, id: string): Promise<DisputeResponseDto> {
    const row = await this.disputes.find(id, this.scope(user));
    if (!row) throw notFound('Dispute');
    return toDisputeDto(row);
  }

  async resolve(user: AuthUser, id: string, dto: ResolveDisputeDto): Promise<DisputeResponseDto> {
    const existing = await this.disputes.find(id, 'ALL');
    if (!existing) throw notFound('Dispute');
    const row = await this.disputes.resolve(id, dto.status, dto.resolution, user.id);
    if (!row) throw conflict('INVALID_STATE', 'The dispute is already closed');
    for (const userId of [row.raisedById, row.counterpartyId]) {
      await this.notifications.notify([userId], {
        type: 'dispute.resolved',
        title: row.status === 'RESOLVED' ? 'Dispute resolved' : 'Dispute dismissed',
        body: dto.resolution,
        data: { disputeId: id, status: row.status },
      });
    }
    return toDisputeDto(row);
  }

  /** Escalates disputes left open past their deadline to the SUPER_ADMINs; returns how many. */
  async escalateOverdue(now = new Date()): Promise<number> {
    const escalated = await this.disputes.escalateOverdue(now);
    for (const dispute of escalated) {
      await this.notifications.notifyRoles([UserRole.SUPER_ADMIN], {
        type: 'dispute.escalated',
        title: 'Dispute escalated',
        body: 'A dispute passed its deadline unresolved',
        data: { disputeId: dispute.id },
      });
    }
    return escalated.length;
  }

  private scope(user: AuthUser): DisputeScope {
    return isStaff(user.role) ? 'ALL' : { userId: user.id };
  }
}
