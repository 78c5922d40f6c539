import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { IssueReport } from '../../generated/prisma/client.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { ConversationsService } from '../chatbot/index.js';
import { UsersService } from '../users/index.js';
import type { CreateReportDto, ReportDto, ReportQueryDto, UpdateReportDto } from './dto/report.dto.js';
import { isFinal, REPORT_TRANSITIONS } from './report-state.js';
import { ReportsRepository } from './reports.repository.js';

const toDto = (report: IssueReport): ReportDto => ({
  id: report.id,
  conversationId: report.conversationId,
  reportedById: report.reportedById,
  issueType: report.issueType,
  description: report.description,
  status: report.status,
  priority: report.priority,
  assignedToId: report.assignedToId,
  resolution: { notes: report.resolutionNotes, resolvedBy: report.resolvedById, resolvedAt: report.resolvedAt },
  createdAt: report.createdAt,
  updatedAt: report.updatedAt,
});

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
  ) {}

  /** Anyone who can see the conversation may report an issue with it; staff hear `report:new`. */
  async create(user: AuthUser, dto: CreateReportDto): Promise<ReportDto> {
    await this.conversations.visible(user, dto.conversationId);
    const report = toDto(
      await this.reports.create({
        conversationId: dto.conversationId,
        reportedById: user.id,
        issueType: dto.issueType,
        description: dto.description,
        priority: dto.priority,
      }),
    );
    this.realtime.toRoles(STAFF_ROLES, 'report:new', report);
    return report;
  }

  async list(query: ReportQueryDto): Promise<Page<ReportDto>> {
    const { items, total } = await this.reports.list(
      { status: query.status, priority: query.priority, assignedToId: query.assignedToId, conversationId: query.conversationId },
      pageArgs(query),
    );
    return toPage(items, total, query, toDto);
  }

  async listOwn(user: AuthUser, query: ReportQueryDto): Promise<Page<ReportDto>> {
    const { items, total } = await this.reports.list({ reportedById: user.id, status: query.status }, pageArgs(query));
    return toPage(items, total, query, toDto);
  }

  /** Staff triage; the status follows REPORT_TRANSITIONS and only one of two racing changes wins. */
  async update(staff: AuthUser, id: string, dto: UpdateReportDto): Promise<ReportDto> {
    const current = await this.reports.findById(id);
    if (!current) throw notFound('Report');
    if (isFinal(current.status)) throw conflict('INVALID_STATE', `A ${current.status.toLowerCase()} report cannot change`);
    if (dto.status && !REPORT_TRANSITIONS[current.status].includes(dto.status)) {
      throw conflict('INVALID_TRANSITION', `A ${current.status} report cannot become ${dto.status}`);
    }
    if (dto.assignedToId && !(await this.users.findActiveWithRole(dto.assignedToId, STAFF_ROLES))) {
      throw badRequest('INVALID_ASSIGNEE', 'The assignee must be an active support agent or admin', [
        { field: 'assignedToId', message: 'not an active staff member' },
      ]);
    }
    const closing = dto.status === 'RESOLVED' || dto.status === 'DISMISSED';
    const updated = await this.reports.updateFrom(id, current.status, {
      status: dto.status,
      priority: dto.priority,
      assignedToId: dto.assignedToId,
      resolutionNotes: dto.resolutionNotes,
      ...(closing ? { resolvedById: staff.id, resolvedAt: new Date() } : {}),
    });
    if (!updated) throw conflict('CONCURRENT_UPDATE', 'The report changed meanwhile; reload and try again');
    const report = toDto(updated);
    this.realtime.toRoles(STAFF_ROLES, 'report:update', report);
    this.realtime.toUser(report.reportedById, 'report:update', report);
    return report;
  }
}
