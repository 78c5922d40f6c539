import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { DisputesRepository, type DisputeScope } from './disputes.repository.js';
import type { CreateDisputeDto, DisputeResponseDto, ListDisputesQueryDto, ResolveDisputeDto } from './dto/dispute.dto.js';
import { toDisputeDto } from './gigs.mapper.js';

@Injectable()
export class DisputesService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly realtime: RealtimeService,
    private readonly config: AppConfig,
  ) {}

  async open(user: AuthUser, dto: CreateDisputeDto): Promise<DisputeResponseDto> {
    const parties = await this.disputes.partiesOf(dto.targetType, dto.targetId);
    // Someone else's record and a missing one look the same.
    if (!parties || (parties.agentUserId !== user.id && parties.clientUserId !== user.id)) throw notFound('Disputed record');
    const counterpartyId = parties.agentUserId === user.id ? parties.clientUserId : parties.agentUserId;
    const deadlineAt = new Date(Date.now() + this.config.gigs.disputeDeadlineDays * 86_400_000);
    const dispute = await this.disputes.create({ raisedById: user.id, counterpartyId, targetType: dto.targetType, targetId: dto.targetId, reason: dto.reason, deadlineAt });
    if (!dispute) throw conflict('DISPUTE_OPEN', 'You already have an open dispute on this record');
    const payload = { type: 'dispute.opened', disputeId: dispute.id, targetType: dispute.targetType };
    this.realtime.toUser(counterpartyId, 'notification:new', payload);
    this.realtime.toRoles(['ADMIN', 'SUPER_ADMIN'], 'notification:new', payload);
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
      this.realtime.toUser(userId, 'notification:new', { type: 'dispute.resolved', disputeId: id, status: row.status });
    }
    return toDisputeDto(row);
  }

  /** Escalates disputes left open past their deadline to the SUPER_ADMINs; returns how many. */
  async escalateOverdue(now = new Date()): Promise<number> {
    const escalated = await this.disputes.escalateOverdue(now);
    for (const dispute of escalated) {
      this.realtime.toRoles(['SUPER_ADMIN'], 'notification:new', { type: 'dispute.escalated', disputeId: dispute.id });
    }
    return escalated.length;
  }

  private scope(user: AuthUser): DisputeScope {
    return isStaff(user.role) ? 'ALL' : { userId: user.id };
  }
}
