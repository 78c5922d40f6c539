import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { AppError, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { NotificationsService } from '../notifications/index.js';
import { AgentsService, experienceMonths } from '../agents/index.js';
import { ClientsService } from '../clients/index.js';
import { ApplicationsRepository, type ApplicationRow, type ApplicationScope } from './applications.repository.js';
import { APPLICATION_MACHINE } from './gig-machines.js';
import { sourcesOf, targetOf } from './state-machine.js';
import { type Rating, ReviewsService } from '../reviews/index.js';
import type { ApplicationResponseDto, ApplyDto, DecideApplicationDto, ListApplicationsQueryDto } from './dto/application.dto.js';

const toApplicationDto = (a: ApplicationRow, agentRating: Rating): ApplicationResponseDto => ({
  id: a.id,
  opportunityId: a.opportunityId,
  opportunityTitle: a.opportunity.title,
  agentId: a.agentId,
  agentName: a.agent.user.name,
  agentCefrLevel: a.agent.cefrLevel,
  agentSkills: a.agent.skills,
  agentExperienceMonths: experienceMonths(a.agent.experiences),
  agentRating: agentRating.average,
  agentReviewCount: agentRating.count,
  coverNote: a.coverNote,
  status: a.status,
  decisionReason: a.decisionReason,
  decidedAt: a.decidedAt,
  gigId: a.gig?.id ?? null,
  createdAt: a.createdAt,
});

@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly clients: ClientsService,
    private readonly agents: AgentsService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
    private readonly reviews: ReviewsService,
    private readonly db: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.events.on('opportunity.closed', ({ opportunityId, title }) => this.rejectPendingOf(opportunityId, title));
  }

  async apply(user: AuthUser, opportunityId: string, dto: ApplyDto): Promise<ApplicationResponseDto> {
    const { eligibility } = await this.clients.opportunityForAgent(user.id, opportunityId);
    if (!eligibility.eligible) {
      throw new AppError(409, 'NOT_ELIGIBLE', `You cannot apply: ${eligibility.reasons.join(', ')}`, [
        ...eligibility.reasons.map((reason) => ({ message: reason, reason })),
        ...(eligibility.missingSkills.length ? [{ field: 'skills', message: `Missing skills: ${eligibility.missingSkills.join(', ')}` }] : []),
      ]);
    }
    const agentId = await this.agents.agentIdFor(user.id);
    // The opportunity stays OPEN (share lock) until the application is in.
    const outcome = await this.db.withTransaction(async () => {
      const opportunity = await this.clients.lockOpportunity(opportunityId, 'SHARE');
      if (opportunity?.status !== 'OPEN') throw conflict('NOT_ELIGIBLE', 'The opportunity is no longer open');
      if (await this.applications.exists(opportunityId, agentId)) throw conflict('ALREADY_APPLIED', 'You already applied to this opportunity');
      return this.applications.create(opportunityId, agentId, dto.coverNote);
    });
    await this.notifications.notify([outcome.opportunity.client.userId], {
      type: 'application.received',
      title: 'New application',
      body: 'An agent applied to your opportunity',
      data: { applicationId: outcome.id, opportunityId },
    });
    return this.present(outcome);
  }

  async list(user: AuthUser, query: ListApplicationsQueryDto): Promise<Page<ApplicationResponseDto>> {
    const { items, total } = await this.applications.list(this.scope(user), query, pageArgs(query));
    const ratings = await this.reviews.agentRatings(items.map((a) => a.agentId));
    return toPage(items, total, query, (a) => toApplicationDto(a, ratings.of(a.agentId)));
  }

  async get(user: AuthUser, id: string): Promise<ApplicationResponseDto> {
    const row = await this.applications.find(id, this.scope(user));
    if (!row) throw notFound('Application');
    return this.present(row);
  }

  async decide(user: AuthUser, id: string, dto: DecideApplicationDto): Promise<ApplicationResponseDto> {
    const outcome = await this.decideInTransaction(id, user.id, dto.decision, dto.reason);
    const accepted = outcome.status === 'ACCEPTED';
    await this.notifications.notify([outcome.agent.userId], {
      type: 'application.decided',
      title: accepted ? 'Application accepted' : 'Application declined',
      body: accepted ? 'Your application was accepted: your gig is ready' : `Your application was declined${dto.reason ? `: ${dto.reason}` : ''}`,
      data: { applicationId: outcome.id, decision: outcome.status, gigId: outcome.gig?.id },
    });
    return this.present(outcome);
  }

  /**
   * PENDING → ACCEPTED|REJECTED by the owning client, in one transaction: the opportunity row is
   * locked first, so two accepts cannot both take the last seat; accepting takes the seat (the
   * clients module's write) and creates the gig. A refusal rolls everything back.
   */
  private decideInTransaction(id: string, clientUserId: string, decision: 'ACCEPTED' | 'REJECTED', reason: string | undefined): Promise<ApplicationRow> {
    return this.db.withTransaction(async () => {
      const application = await this.applications.findForClient(id, clientUserId);
      if (!application) throw notFound('Application');
      const opportunity = await this.clients.lockOpportunity(application.opportunityId, 'UPDATE');
      if (!opportunity) throw notFound('Application');
      const action = decision === 'ACCEPTED' ? 'accept' : 'reject';
      const moved = await this.applications.transition(id, sourcesOf(APPLICATION_MACHINE, action), {
        status: targetOf(APPLICATION_MACHINE, action),
        decisionReason: reason ?? null,
        decidedAt: new Date(),
      });
      if (!moved) throw conflict('INVALID_STATE', 'The application was already decided');
      if (decision === 'ACCEPTED') {
        await this.clients.takeSeat(opportunity);
        await this.applications.createGig({
          applicationId: id,
          opportunityId: application.opportunityId,
          agentId: application.agentId,
          clientId: opportunity.clientId,
        });
      }
      return this.applications.findRow(id);
    });
  }

  private async present(row: ApplicationRow): Promise<ApplicationResponseDto> {
    return toApplicationDto(row, (await this.reviews.agentRatings([row.agentId])).of(row.agentId));
  }

  private async rejectPendingOf(opportunityId: string, title: string): Promise<void> {
    for (const { applicationId, agentUserId } of await this.applications.rejectPending(opportunityId, 'The opportunity was closed')) {
      await this.notifications.notify([agentUserId], {
        type: 'application.decided',
        title: 'Application declined',
        body: `"${title}" was closed`,
        data: { applicationId, decision: 'REJECTED', opportunityTitle: title },
      });
    }
  }

  private scope(user: AuthUser): ApplicationScope {
    if (isStaff(user.role)) return 'ALL';
    return user.role === 'AGENT' ? { agentUserId: user.id } : { clientUserId: user.id };
  }
}
