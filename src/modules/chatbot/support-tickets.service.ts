import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { SupportTicket } from '../../generated/prisma/client.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { UsersService } from '../users/index.js';
import type { HandoverSummaryDto, SupportTicketDto, SupportTicketQueryDto, UpdateSupportTicketDto } from './dto/support-ticket.dto.js';
import { canMove, TICKET_TRANSITIONS } from './state-machines.js';
import { SupportTicketsRepository } from './support-tickets.repository.js';

export const toTicketDto = (ticket: SupportTicket): SupportTicketDto => ({
  id: ticket.id,
  conversationId: ticket.conversationId,
  requesterId: ticket.requesterId,
  assignedAgentId: ticket.assignedAgentId,
  subject: ticket.subject,
  reason: ticket.reason,
  status: ticket.status,
  priority: ticket.priority,
  handoverSummary: ticket.handoverSummary as unknown as HandoverSummaryDto,
  resolutionNotes: ticket.resolutionNotes,
  resolvedAt: ticket.resolvedAt,
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
});

@Injectable()
export class SupportTicketsService {
  constructor(
    private readonly tickets: SupportTicketsRepository,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
  ) {}

  async list(query: SupportTicketQueryDto): Promise<Page<SupportTicketDto>> {
    const { items, total } = await this.tickets.list(
      { status: query.status, priority: query.priority, assignedAgentId: query.assignedAgentId },
      pageArgs(query),
    );
    return toPage(items, total, query, toTicketDto);
  }

  async update(_staff: AuthUser, id: string, dto: UpdateSupportTicketDto): Promise<SupportTicketDto> {
    const current = await this.tickets.findById(id);
    if (!current) throw notFound('Support ticket');
    if (current.status === 'CLOSED') throw conflict('INVALID_STATE', 'A closed ticket cannot change');
    // Setting the current status again is refused too, so that of two racing requests only one succeeds.
    if (dto.status && !canMove(TICKET_TRANSITIONS, current.status, dto.status)) {
      throw conflict('INVALID_TRANSITION', `A ${current.status} ticket cannot become ${dto.status}`);
    }
    if (dto.assignedAgentId && !(await this.users.findActiveWithRole(dto.assignedAgentId, STAFF_ROLES))) {
      throw badRequest('INVALID_ASSIGNEE', 'The assignee must be an active support agent or admin', [
        { field: 'assignedAgentId', message: 'not an active staff member' },
      ]);
    }
    const resolving = dto.status === 'RESOLVED';
    const updated = await this.tickets.updateFrom(id, current.status, {
      status: dto.status,
      priority: dto.priority,
      assignedAgentId: dto.assignedAgentId,
      resolutionNotes: dto.resolutionNotes,
      ...(resolving ? { resolvedAt: new Date() } : {}),
    });
    if (!updated) throw conflict('CONCURRENT_UPDATE', 'The ticket changed meanwhile; reload and try again');
    const dtoOut = toTicketDto(updated);
    this.realtime.toRoles(STAFF_ROLES, 'support-ticket:update', dtoOut);
    return dtoOut;
  }
}
