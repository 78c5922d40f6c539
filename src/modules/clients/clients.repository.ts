import { Injectable } from '@nestjs/common';
import { Prisma, type ClientScheduleSlot, type Opportunity } from '../../generated/prisma/client.js';
import type { OpportunityStatus, ProjectStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { countedPage } from '../../infra/database/sql/counted-page.js';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import type { StatementRow } from '../../infra/database/sql/statement.js';
import { countOpportunities, listOpportunities } from './clients.sql.js';
import type { EligibilityCriteria } from './eligibility.js';

const WITH_SLOTS = { slots: { orderBy: { startsAt: 'asc' } } } satisfies Prisma.OpportunityInclude;
export type OpportunityWithSlots = Prisma.OpportunityGetPayload<{ include: typeof WITH_SLOTS }>;

/** What an opportunity response is made of (a listed row, or an ORM row with its slots). */
export type SlotView = Pick<ClientScheduleSlot, 'id' | 'startsAt' | 'endsAt' | 'capacity' | 'filledCount'>;
export type OpportunityView = Omit<Opportunity, 'updatedAt'> & { slots: SlotView[] };

export interface OpportunityFilter {
  clientId?: string;
  statuses?: OpportunityStatus[];
  projectId?: string;
  skill?: string;
  search?: string;
  minRate?: number;
  /** Only the opportunities an agent with these criteria is eligible for. */
  eligibleFor?: EligibilityCriteria;
}

/** A schedule slot row locked inside a transaction. */
export interface LockedSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  filledCount: number;
}

/** An opportunity row locked inside a transaction. */
export interface LockedOpportunity {
  id: string;
  status: OpportunityStatus;
  capacity: number;
  acceptedCount: number;
  clientId: string;
}

type LockedRow = { status: OpportunityStatus; capacity: number; accepted_count: number; client_id: string };

@Injectable()
export class ClientsRepository {
  constructor(
    private readonly db: TransactionHost,
    private readonly sql: SqlService,
  ) {}

  findProfileByUserId(userId: string) {
    return this.db.client.clientProfile.findUnique({ where: { userId } });
  }

  /** Creates the profile, or fills one that signup created empty; null when an organisation is already registered. */
  async register(userId: string, data: Prisma.ClientProfileUpdateInput & { organizationName: string }) {
    return this.db.transaction(async (tx) => {
      await tx.clientProfile.upsert({ where: { userId }, update: {}, create: { userId } });
      const { count } = await tx.clientProfile.updateMany({ where: { userId, organizationName: null }, data });
      return count ? tx.clientProfile.findUnique({ where: { userId } }) : null;
    });
  }

  upsertProfile(userId: string, data: Prisma.ClientProfileUpdateInput) {
    return this.db.client.clientProfile.upsert({ where: { userId }, update: data, create: { userId, ...(data as object) } });
  }

  async ensureClientId(userId: string): Promise<string> {
    const row = await this.db.client.clientProfile.upsert({ where: { userId }, update: {}, create: { userId }, select: { id: true } });
    return row.id;
  }

  findClientId(userId: string) {
    return this.db.client.clientProfile.findUnique({ where: { userId }, select: { id: true } }).then((row) => row?.id ?? null);
  }

  createProject(clientId: string, data: { name: string; description?: string }) {
    return this.db.client.project.create({ data: { ...data, clientId } });
  }

  async listProjects(filter: { clientId?: string; status?: ProjectStatus; skip: number; take: number }) {
    const where: Prisma.ProjectWhereInput = { clientId: filter.clientId, status: filter.status };
    const [items, total] = await Promise.all([
      this.db.client.project.findMany({ where, orderBy: { createdAt: 'desc' }, skip: filter.skip, take: filter.take }),
      this.db.client.project.count({ where }),
    ]);
    return { items, total };
  }

  /** `clientId` undefined means staff (any client). */
  findProject(id: string, clientId: string | undefined) {
    return this.db.client.project.findFirst({ where: { id, clientId } });
  }

  async updateProject(id: string, clientId: string, data: Prisma.ProjectUpdateInput) {
    const { count } = await this.db.client.project.updateMany({ where: { id, clientId }, data });
    return count ? this.db.client.project.findFirst({ where: { id, clientId } }) : null;
  }

  createOpportunity(data: Prisma.OpportunityUncheckedCreateInput): Promise<OpportunityWithSlots> {
    return this.db.client.opportunity.create({ data, include: WITH_SLOTS });
  }

  /** A page of opportunities with their slots and the count of every match; the filter runs in the database. */
  async listOpportunities(filter: OpportunityFilter, page: { skip: number; take: number }): Promise<{ items: OpportunityView[]; total: number }> {
    const eligible = filter.eligibleFor;
    const where = [
      filter.clientId ?? null,
      filter.statuses ?? null,
      filter.projectId ?? null,
      filter.skill?.toLowerCase() ?? null,
      filter.search ?? null,
      filter.minRate ?? null,
      eligible !== undefined,
      eligible?.cefrLevel ?? null,
      eligible?.skills ?? [],
      eligible?.experienceMonths ?? 0,
    ] as const;
    const rows = await this.sql.query(listOpportunities, [...where, page.take, page.skip]);
    const { total } = await countedPage(rows, page.skip, async () => (await this.sql.one(countOpportunities, where)).count);
    return { items: rows.map(toOpportunityView), total };
  }

  /** `clientId` undefined means no owner scope (staff, or an agent who may see non-drafts). */
  findOpportunity(id: string, clientId?: string): Promise<OpportunityWithSlots | null> {
    return this.db.client.opportunity.findFirst({ where: { id, clientId }, include: WITH_SLOTS });
  }

  /** Applies an edit to opportunity `id` (the caller checked it on the row it locked). */
  updateOpportunity(id: string, data: Prisma.OpportunityUpdateInput): Promise<OpportunityWithSlots> {
    return this.db.client.opportunity.update({ where: { id }, data, include: WITH_SLOTS });
  }

  /** One state change, only from one of `from`; null when the current state forbids it. */
  async transitionOpportunity(
    id: string,
    clientId: string,
    from: OpportunityStatus[],
    data: Prisma.OpportunityUpdateManyMutationInput & { status: OpportunityStatus },
  ) {
    const { count } = await this.db.client.opportunity.updateMany({ where: { id, clientId, status: { in: from } }, data });
    return count ? this.findOpportunity(id, clientId) : null;
  }

  /**
   * Locks the opportunity row for the rest of the caller's transaction (SHARE to rely on its status,
   * UPDATE to change it) and reads what seat-taking needs; null when it does not exist.
   */
  async lockOpportunity(id: string, mode: 'SHARE' | 'UPDATE'): Promise<LockedOpportunity | null> {
    const rows =
      mode === 'UPDATE'
        ? await this.db.client.$queryRaw<LockedRow[]>`SELECT status, capacity, accepted_count, client_id FROM opportunities WHERE id = ${id}::uuid FOR UPDATE`
        : await this.db.client.$queryRaw<LockedRow[]>`SELECT status, capacity, accepted_count, client_id FROM opportunities WHERE id = ${id}::uuid FOR SHARE`;
    const row = rows[0];
    return row ? toLockedOpportunity(id, row) : null;
  }

  /** Like `lockOpportunity(id, 'UPDATE')`, but only client `clientId`'s opportunity: null when it has none by that id. */
  async lockOwnOpportunity(id: string, clientId: string): Promise<LockedOpportunity | null> {
    const [row] = await this.db.client.$queryRaw<LockedRow[]>`
      SELECT status, capacity, accepted_count, client_id FROM opportunities WHERE id = ${id}::uuid AND client_id = ${clientId}::uuid FOR UPDATE`;
    return row ? toLockedOpportunity(id, row) : null;
  }

  setAcceptedCount(id: string, acceptedCount: number, status: OpportunityStatus | undefined) {
    return this.db.client.opportunity.update({ where: { id }, data: { acceptedCount, ...(status ? { status } : {}) }, select: { id: true } });
  }

  /** Adds a schedule slot to opportunity `opportunityId` (the caller checked it on the row it locked). */
  createSlot(opportunityId: string, data: { startsAt: Date; endsAt: Date; capacity: number }): Promise<ClientScheduleSlot> {
    return this.db.client.clientScheduleSlot.create({ data: { ...data, opportunityId } });
  }

  /** The opportunity's slots among `ids`, locked in id order for the rest of the caller's transaction. */
  lockSlots(opportunityId: string, ids: string[]): Promise<LockedSlot[]> {
    const sorted = [...new Set(ids)].sort();
    return this.db.client.$queryRaw<LockedSlot[]>`
      SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", capacity, filled_count AS "filledCount" FROM client_schedule_slots
      WHERE opportunity_id = ${opportunityId}::uuid AND id IN (${Prisma.join(sorted.map((id) => Prisma.sql`${id}::uuid`))})
      ORDER BY id FOR UPDATE`;
  }

  takeSlotSeat(id: string) {
    return this.db.client.clientScheduleSlot.update({ where: { id }, data: { filledCount: { increment: 1 } }, select: { id: true } });
  }
}

function toOpportunityView(row: StatementRow<typeof listOpportunities>): OpportunityView {
  const { slotIds, slotStarts, slotEnds, slotCapacities, slotFilled, total: _total, ...opportunity } = row;
  const slots = slotIds.map((id, i) => ({ id, startsAt: slotStarts[i], endsAt: slotEnds[i], capacity: slotCapacities[i], filledCount: slotFilled[i] }));
  return { ...opportunity, slots };
}

function toLockedOpportunity(id: string, row: LockedRow): LockedOpportunity {
  return { id, status: row.status, capacity: row.capacity, acceptedCount: row.accepted_count, clientId: row.client_id };
}
