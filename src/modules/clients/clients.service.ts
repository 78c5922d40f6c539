import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff, UserRole } from '../../common/auth/roles.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { OpportunityStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { AgentsService } from '../agents/index.js';
import { ReviewsService } from '../reviews/index.js';
import { UsersService } from '../users/index.js';
import { withClientRatings } from './client-ratings.js';
import { toClientDto, toOpportunityDto, toProjectDto, toSlotDto } from './clients.mapper.js';
import { ClientsRepository, type LockedOpportunity, type LockedSlot, type OpportunityWithSlots } from './clients.repository.js';
import type { ClientResponseDto, CreateClientDto, UpdateClientDto } from './dto/client.dto.js';
import type {
  CreateOpportunityDto,
  CreateSlotDto,
  ListOpportunitiesQueryDto,
  OpportunityResponseDto,
  SlotResponseDto,
  UpdateOpportunityDto,
} from './dto/opportunity.dto.js';
import type { CreateProjectDto, ListProjectsQueryDto, ProjectResponseDto, UpdateProjectDto } from './dto/project.dto.js';
import { eligibilityCriteria, judgeEligibility, type Eligibility, type EligibilityCriteria } from './eligibility.js';

const VISIBLE_TO_AGENTS: OpportunityStatus[] = ['OPEN', 'FILLED', 'CLOSED'];

/** Fields that may change only while an opportunity is a DRAFT. */
const DRAFT_ONLY_FIELDS = ['requiredSkills', 'minCefrLevel', 'minExperienceMonths', 'rateMinor', 'currency'] as const;

@Injectable()
export class ClientsService implements OnModuleInit {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly agents: AgentsService,
    private readonly realtime: RealtimeService,
    private readonly events: DomainEvents,
    private readonly reviews: ReviewsService,
    private readonly users: UsersService,
    private readonly db: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.users.registerRoleProfile('CLIENT', async (userId) => {
      await this.clients.ensureClientId(userId);
    });
  }

  async register(userId: string, dto: CreateClientDto): Promise<ClientResponseDto> {
    const row = await this.clients.register(userId, { ...dto, country: dto.country?.toUpperCase() });
    if (!row) throw conflict('ALREADY_REGISTERED', 'Your organisation is already registered; use PATCH /clients/me');
    return toClientDto(row);
  }

  async getMe(userId: string): Promise<ClientResponseDto> {
    const row = await this.clients.findProfileByUserId(userId);
    if (!row) throw notFound('Client profile');
    return toClientDto(row);
  }

  async updateMe(userId: string, dto: UpdateClientDto): Promise<ClientResponseDto> {
    return toClientDto(await this.clients.upsertProfile(userId, { ...dto, country: dto.country?.toUpperCase() }));
  }

  async createProject(user: AuthUser, dto: CreateProjectDto): Promise<ProjectResponseDto> {
    const clientId = await this.clients.ensureClientId(user.id);
    return toProjectDto(await this.clients.createProject(clientId, dto));
  }

  async listProjects(user: AuthUser, query: ListProjectsQueryDto): Promise<Page<ProjectResponseDto>> {
    const clientId = isStaff(user.role) ? undefined : await this.ownClientId(user);
    if (clientId === null) return toPage([], 0, query);
    const { items, total } = await this.clients.listProjects({ clientId, status: query.status, ...pageArgs(query) });
    return toPage(items, total, query, toProjectDto);
  }

  async getProject(user: AuthUser, id: string): Promise<ProjectResponseDto> {
    const clientId = isStaff(user.role) ? undefined : await this.ownClientId(user);
    const row = clientId === null ? null : await this.clients.findProject(id, clientId);
    if (!row) throw notFound('Project');
    return toProjectDto(row);
  }

  async updateProject(user: AuthUser, id: string, dto: UpdateProjectDto): Promise<ProjectResponseDto> {
    const clientId = await this.ownClientId(user);
    const row = clientId ? await this.clients.updateProject(id, clientId, dto) : null;
    if (!row) throw notFound('Project');
    return toProjectDto(row);
  }

  async createOpportunity(user: AuthUser, projectId: string, dto: CreateOpportunityDto): Promise<OpportunityResponseDto> {
    const clientId = await this.ownClientId(user);
    const project = clientId ? await this.clients.findProject(projectId, clientId) : null;
    if (!project || !clientId) throw notFound('Project');
    if (project.status !== 'ACTIVE') throw conflict('PROJECT_ARCHIVED', 'Archived projects take no new opportunities');
    const row = await this.clients.createOpportunity({
      ...dto,
      requiredSkills: normaliseSkills(dto.requiredSkills),
      projectId,
      clientId,
    });
    return toOpportunityDto(row);
  }

  async listOpportunities(user: AuthUser, query: ListOpportunitiesQueryDto): Promise<Page<OpportunityResponseDto>> {
    const filter = { projectId: query.projectId, skill: query.skill, search: query.search, minRate: query.minRate };
    if (user.role === 'AGENT') return this.listForAgent(user, query, filter);
    const clientId = isStaff(user.role) ? undefined : await this.ownClientId(user);
    if (clientId === null) return toPage([], 0, query);
    const { items, total } = await this.clients.listOpportunities(
      { ...filter, clientId, statuses: query.status ? [query.status] : undefined },
      pageArgs(query),
    );
    return toPage(items, total, query, (o) => toOpportunityDto(o));
  }

  async getOpportunity(user: AuthUser, id: string): Promise<OpportunityResponseDto> {
    const row = await this.visibleOpportunity(user, id);
    if (user.role !== 'AGENT') return toOpportunityDto(row);
    const [rated] = await this.rated([toOpportunityDto(row, await this.eligibility(user.id, row))]);
    return rated;
  }

  async updateOpportunity(user: AuthUser, id: string, dto: UpdateOpportunityDto): Promise<OpportunityResponseDto> {
    const clientId = await this.ownClientId(user);
    if (!clientId) throw notFound('Opportunity');
    const data = { ...dto, requiredSkills: dto.requiredSkills ? normaliseSkills(dto.requiredSkills) : undefined };
    // On the locked row: DRAFT-only fields are refused once published, and capacity never drops below
    // the accepted count. A published opportunity whose capacity changes is OPEN or FILLED by it.
    const row = await this.db.withTransaction(async () => {
      const current = await this.clients.lockOwnOpportunity(id, clientId);
      if (!current) throw notFound('Opportunity');
      if (current.status === 'CLOSED') throw conflict('INVALID_STATE', 'A closed opportunity cannot change');
      if (current.status !== 'DRAFT' && DRAFT_ONLY_FIELDS.some((field) => data[field] !== undefined)) {
        throw conflict('INVALID_STATE', 'Requirements and pay can change only while the opportunity is a DRAFT');
      }
      const { capacity } = data;
      if (capacity !== undefined && capacity < current.acceptedCount) {
        throw conflict('CAPACITY_BELOW_ACCEPTED', 'Capacity cannot drop below the number of accepted agents');
      }
      let status: OpportunityStatus | undefined;
      if (capacity !== undefined && current.status !== 'DRAFT') status = capacity > current.acceptedCount ? 'OPEN' : 'FILLED';
      return this.clients.updateOpportunity(id, { ...data, status });
    });
    return toOpportunityDto(row);
  }

  async publish(user: AuthUser, id: string): Promise<OpportunityResponseDto> {
    const clientId = await this.ownClientId(user);
    const current = clientId ? await this.clients.findOpportunity(id, clientId) : null;
    if (!current || !clientId) throw notFound('Opportunity');
    if (current.slots.length === 0) throw conflict('NO_SLOTS', 'Add at least one schedule slot before publishing');
    const row = await this.clients.transitionOpportunity(id, clientId, ['DRAFT'], { status: 'OPEN', publishedAt: new Date() });
    if (!row) throw conflict('INVALID_STATE', `Only a DRAFT can be published (it is ${current.status})`);
    this.realtime.toRoles([UserRole.AGENT], 'opportunity:published', { opportunityId: row.id, title: row.title });
    return toOpportunityDto(row);
  }

  async close(user: AuthUser, id: string): Promise<OpportunityResponseDto> {
    const clientId = await this.ownClientId(user);
    const current = clientId ? await this.clients.findOpportunity(id, clientId) : null;
    if (!current || !clientId) throw notFound('Opportunity');
    const row = await this.clients.transitionOpportunity(id, clientId, ['OPEN', 'FILLED'], { status: 'CLOSED', closedAt: new Date() });
    if (!row) throw conflict('INVALID_STATE', `Only an OPEN or FILLED opportunity can be closed (it is ${current.status})`);
    await this.events.emit('opportunity.closed', { opportunityId: row.id, title: row.title });
    return toOpportunityDto(row);
  }

  async addSlot(user: AuthUser, opportunityId: string, dto: CreateSlotDto): Promise<SlotResponseDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt)
      throw badRequest('VALIDATION_FAILED', 'endsAt must be after startsAt', [{ field: 'endsAt', message: 'endsAt must be after startsAt' }]);
    if (startsAt <= new Date())
      throw badRequest('VALIDATION_FAILED', 'startsAt must be in the future', [{ field: 'startsAt', message: 'startsAt must be in the future' }]);
    const clientId = await this.ownClientId(user);
    if (!clientId) throw notFound('Opportunity');
    // The row lock keeps the new slot from racing a close.
    const slot = await this.db.withTransaction(async () => {
      const opportunity = await this.clients.lockOwnOpportunity(opportunityId, clientId);
      if (!opportunity) throw notFound('Opportunity');
      if (opportunity.status === 'CLOSED') throw conflict('INVALID_STATE', 'A closed opportunity takes no new slots');
      return this.clients.createSlot(opportunityId, { startsAt, endsAt, capacity: dto.capacity });
    });
    return toSlotDto(slot);
  }

  // --- for the gigs module ---

  /** The opportunity as an agent may see it (not a DRAFT) with the agent's eligibility; 404 otherwise. */
  /**
   * The opportunity's schedule slots among `ids`, locked in id order for the caller's transaction (so
   * two agents racing for a slot's last seat can neither both get it nor deadlock).
   */
  lockSlots(opportunityId: string, ids: string[]): Promise<LockedSlot[]> {
    return this.clients.lockSlots(opportunityId, ids);
  }

  /** Counts one more agent on each slot, inside the caller's transaction. */
  async takeSlotSeats(slotIds: string[]): Promise<void> {
    for (const id of slotIds) await this.clients.takeSlotSeat(id);
  }

  /** Locks opportunity `id` for the caller's transaction (another module's write depends on it); null when missing. */
  lockOpportunity(id: string, mode: 'SHARE' | 'UPDATE'): Promise<LockedOpportunity | null> {
    return this.clients.lockOpportunity(id, mode);
  }

  /**
   * Takes one seat of an opportunity locked FOR UPDATE in the caller's transaction; the last seat
   * marks it FILLED. A full or no longer open opportunity refuses (409), rolling that transaction back.
   */
  async takeSeat(opportunity: LockedOpportunity): Promise<void> {
    if (opportunity.status === 'FILLED' || opportunity.acceptedCount >= opportunity.capacity)
      throw conflict('CAPACITY_REACHED', 'Every seat of this opportunity is taken');
    if (opportunity.status !== 'OPEN') throw conflict('INVALID_STATE', 'The opportunity is not open');
    const acceptedCount = opportunity.acceptedCount + 1;
    await this.clients.setAcceptedCount(opportunity.id, acceptedCount, acceptedCount >= opportunity.capacity ? 'FILLED' : undefined);
  }

  async opportunityForAgent(userId: string, id: string): Promise<{ opportunity: OpportunityWithSlots; eligibility: Eligibility }> {
    const opportunity = await this.clients.findOpportunity(id);
    if (!opportunity || !VISIBLE_TO_AGENTS.includes(opportunity.status)) throw notFound('Opportunity');
    return { opportunity, eligibility: await this.eligibility(userId, opportunity) };
  }

  private async listForAgent(
    user: AuthUser,
    query: ListOpportunitiesQueryDto,
    filter: { projectId?: string; skill?: string; search?: string; minRate?: number },
  ): Promise<Page<OpportunityResponseDto>> {
    const facts = await this.agents.eligibilityFacts(user.id);
    let eligibleFor: EligibilityCriteria | undefined;
    if (query.eligibleOnly) {
      eligibleFor = eligibilityCriteria(facts) ?? undefined;
      if (!eligibleFor) return toPage([], 0, query);
    }
    const { items, total } = await this.clients.listOpportunities({ ...filter, statuses: ['OPEN'], eligibleFor }, pageArgs(query));
    return this.ratedPage(toPage(items, total, query, (o) => toOpportunityDto(o, judgeEligibility(facts, o))));
  }

  /** Agents see each client's rating beside the opportunity (one query for the page). */
  private async rated(opportunities: OpportunityResponseDto[]): Promise<OpportunityResponseDto[]> {
    return withClientRatings(opportunities, await this.reviews.clientRatings(opportunities.map((o) => o.clientId)));
  }

  private async ratedPage(page: Page<OpportunityResponseDto>): Promise<Page<OpportunityResponseDto>> {
    return { ...page, items: await this.rated(page.items) };
  }

  private async visibleOpportunity(user: AuthUser, id: string): Promise<OpportunityWithSlots> {
    if (isStaff(user.role)) return this.found(await this.clients.findOpportunity(id));
    if (user.role === 'AGENT') {
      const row = await this.clients.findOpportunity(id);
      return this.found(row && VISIBLE_TO_AGENTS.includes(row.status) ? row : null);
    }
    const clientId = await this.ownClientId(user);
    return this.found(clientId ? await this.clients.findOpportunity(id, clientId) : null);
  }

  private async eligibility(userId: string, opportunity: OpportunityWithSlots): Promise<Eligibility> {
    return judgeEligibility(await this.agents.eligibilityFacts(userId), opportunity);
  }

  private found(row: OpportunityWithSlots | null): OpportunityWithSlots {
    if (!row) throw notFound('Opportunity');
    return row;
  }

  /** null when the CLIENT has no profile row yet (so owns nothing). */
  private ownClientId(user: AuthUser): Promise<string | null> {
    return this.clients.findClientId(user.id);
  }
}

function normaliseSkills(skills: string[] | undefined): string[] {
  return [...new Set((skills ?? []).map((s) => s.trim().toLowerCase()))];
}
