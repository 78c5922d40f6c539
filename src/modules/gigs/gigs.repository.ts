import { Injectable } from '@nestjs/common';
import type { ActivityLog, Prisma } from '../../generated/prisma/client.js';
import type { ActivityType, GigStatus, WorkState } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { DISPUTE_MACHINE, GIG_MACHINE, SUBMISSION_MACHINE, WORK_MACHINE } from './gig-machines.js';
import { gigWhere, type GigScope } from './gig-scope.js';
import { openStates, sourcesOf } from './state-machine.js';

export const GIG = {
  opportunity: { select: { title: true, rateMinor: true, currency: true } },
  agent: { select: { userId: true, user: { select: { name: true } } } },
  client: { select: { userId: true, organizationName: true } },
  workSlots: { orderBy: { startsAt: 'asc' } },
} satisfies Prisma.SelectedGigInclude;

export type GigRow = Prisma.SelectedGigGetPayload<{ include: typeof GIG }>;

@Injectable()
export class GigsRepository {
  constructor(private readonly db: TransactionHost) {}

  async list(scope: GigScope, filter: { status?: GigStatus }, page: { skip: number; take: number }) {
    const where: Prisma.SelectedGigWhereInput = { ...gigWhere(scope), status: filter.status };
    const [items, total] = await Promise.all([
      this.db.client.selectedGig.findMany({ where, include: GIG, orderBy: { createdAt: 'desc' }, ...page }),
      this.db.client.selectedGig.count({ where }),
    ]);
    return { items, total };
  }

  find(id: string, scope: GigScope): Promise<GigRow | null> {
    return this.db.client.selectedGig.findFirst({ where: { id, ...gigWhere(scope) }, include: GIG });
  }

  /** The gig as its agent sees it: its state, its agent and its opportunity. */
  findForAgent(gigId: string, agentUserId: string) {
    return this.db.client.selectedGig.findFirst({
      where: { id: gigId, agent: { userId: agentUserId } },
      select: { status: true, agentId: true, opportunityId: true },
    });
  }

  countPicked(gigId: string, slotIds: string[]): Promise<number> {
    return this.db.client.agentWorkSlot.count({ where: { gigId, slotId: { in: slotIds } } });
  }

  /** How many of the agent's booked work slots overlap one of `windows`. */
  countBookedOverlapping(agentId: string, windows: { startsAt: Date; endsAt: Date }[]): Promise<number> {
    return this.db.client.agentWorkSlot.count({ where: { agentId, OR: windows.map((w) => ({ startsAt: { lt: w.endsAt }, endsAt: { gt: w.startsAt } })) } });
  }

  addWorkSlot(data: { gigId: string; slotId: string; agentId: string; startsAt: Date; endsAt: Date }) {
    return this.db.client.agentWorkSlot.create({ data, select: { id: true } });
  }

  findRow(gigId: string): Promise<GigRow> {
    return this.db.client.selectedGig.findUniqueOrThrow({ where: { id: gigId }, include: GIG });
  }

  workWindows(gigId: string) {
    return this.db.client.agentWorkSlot.findMany({ where: { gigId }, select: { startsAt: true, endsAt: true } });
  }

  /** Moves the work state only from one of `from` while the gig is open; false when it was not there. */
  async moveWorkState(gigId: string, from: WorkState[], to: WorkState): Promise<boolean> {
    const { count } = await this.db.client.selectedGig.updateMany({
      where: { id: gigId, status: { in: openStates(GIG_MACHINE) }, workState: { in: from } },
      data: { workState: to },
    });
    return count === 1;
  }

  /** Logs an activity entry, at `occurredAt` when given (now otherwise). */
  logActivity(gigId: string, type: ActivityType, occurredAt?: Date): Promise<ActivityLog> {
    return this.db.client.activityLog.create({ data: { gigId, type, occurredAt } });
  }

  activities(gigId: string) {
    return this.db.client.activityLog.findMany({ where: { gigId }, orderBy: { occurredAt: 'asc' } });
  }

  /** Gigs whose agent is still logged in (working or on a break), with their picked slots. */
  findOpenWork() {
    return this.db.client.selectedGig.findMany({
      where: { status: { in: openStates(GIG_MACHINE) }, workState: { in: sourcesOf(WORK_MACHINE, 'window-closed') } },
      select: { id: true, workSlots: { select: { startsAt: true, endsAt: true } }, agent: { select: { userId: true } }, client: { select: { userId: true } } },
      take: 500,
    });
  }

  /** Sets the gig's work state (the caller checked the move on the locked row). */
  async setWorkState(gigId: string, workState: WorkState): Promise<void> {
    await this.db.client.selectedGig.update({ where: { id: gigId }, data: { workState }, select: { id: true } });
  }

  findInScope(gigId: string, scope: GigScope) {
    return this.db.client.selectedGig.findFirst({ where: { id: gigId, ...gigWhere(scope) }, select: { id: true } });
  }

  /** Locks the gig's row for the rest of the caller's transaction. */
  async lock(gigId: string): Promise<void> {
    await this.db.client.$queryRaw`SELECT id FROM selected_gigs WHERE id = ${gigId}::uuid FOR UPDATE`;
  }

  /** The gig's states, its row locked for the rest of the caller's transaction; the caller knows the gig exists. */
  async lockStates(gigId: string): Promise<{ status: GigStatus; workState: WorkState }> {
    const states = await this.lockStatesIfAny(gigId);
    if (!states) throw new Error(`Gig ${gigId} does not exist`);
    return states;
  }

  /** `lockStates` for a gig that may be gone: null then. */
  async lockStatesIfAny(gigId: string): Promise<{ status: GigStatus; workState: WorkState } | null> {
    const [row] = await this.db.client.$queryRaw<
      { status: GigStatus; work_state: WorkState }[]
    >`SELECT status, work_state FROM selected_gigs WHERE id = ${gigId}::uuid FOR UPDATE`;
    return row ? { status: row.status, workState: row.work_state } : null;
  }

  countOpenSubmissions(gigId: string): Promise<number> {
    return this.db.client.submittedWork.count({ where: { gigId, status: { in: openStates(SUBMISSION_MACHINE) } } });
  }

  /** Approved work without a payment row (SETTLED is the only state with one). */
  countUnpaidApproved(gigId: string): Promise<number> {
    return this.db.client.submittedWork.count({ where: { gigId, status: 'APPROVED', payment: null } });
  }

  countOpenDisputes(gigId: string): Promise<number> {
    return this.db.client.dispute.count({
      where: { status: { in: openStates(DISPUTE_MACHINE) }, OR: [{ gigId }, { submission: { gigId } }, { payment: { gigId } }] },
    });
  }

  markStatus(gigId: string, status: GigStatus, completedAt: Date) {
    return this.db.client.selectedGig.update({ where: { id: gigId }, data: { status, completedAt }, select: { id: true } });
  }

  countApproved(gigId: string) {
    return this.db.client.submittedWork.count({ where: { gigId, status: 'APPROVED' } });
  }
}
