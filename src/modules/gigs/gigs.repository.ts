import { Injectable } from '@nestjs/common';
import { Prisma, type ActivityLog } from '../../generated/prisma/client.js';
import type { ActivityType, GigStatus, WorkState } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { DISPUTE_MACHINE, GIG_MACHINE, SUBMISSION_MACHINE, WORK_MACHINE } from './gig-machines.js';
import { gigWhere, type GigScope } from './gig-scope.js';
import { canApply, isFinal, openStates, sourcesOf, targetOf } from './state-machine.js';
import { checkLogin, type WorkWindow } from './work-activity.js';

export const GIG = {
  opportunity: { select: { title: true, rateMinor: true, currency: true } },
  agent: { select: { userId: true, user: { select: { name: true } } } },
  client: { select: { userId: true, organizationName: true } },
  workSlots: { orderBy: { startsAt: 'asc' } },
} satisfies Prisma.SelectedGigInclude;

export type GigRow = Prisma.SelectedGigGetPayload<{ include: typeof GIG }>;

export type PickOutcome = 'NOT_FOUND' | 'NOT_ACTIVE' | 'UNKNOWN_SLOT' | 'ALREADY_PICKED' | 'SLOT_STARTED' | 'SLOT_FULL' | 'OVERLAP' | GigRow;
export type ActivityOutcome =
  | 'NOT_FOUND'
  | 'NOT_ACTIVE'
  | 'NO_WORK_SLOTS'
  | 'INVALID_TRANSITION'
  | { refused: 'OUTSIDE_WORK_SLOT'; window: WorkWindow | null; upcoming: boolean }
  | ActivityLog;
export type CompleteOutcome = 'NOT_FOUND' | 'NOT_ACTIVE' | 'NO_APPROVED_WORK' | 'WORK_OPEN' | 'UNPAID' | 'DISPUTED' | 'WORKING' | GigRow;

interface LockedSlot {
  id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  filled_count: number;
}

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

  /**
   * Books schedule slots for the gig's agent. The agent's profile row is locked first, so one agent's
   * concurrent picks run one after the other (no overlap can slip in between), then the slots in id
   * order (so two agents racing for the last seat of a slot cannot both get it, nor deadlock).
   */
  async pickSlots(gigId: string, agentUserId: string, slotIds: string[]): Promise<PickOutcome> {
    return this.db.transaction(async (tx) => {
      const gig = await tx.selectedGig.findFirst({ where: { id: gigId, agent: { userId: agentUserId } }, select: { status: true, agentId: true, opportunityId: true } });
      if (!gig) return 'NOT_FOUND';
      if (isFinal(GIG_MACHINE, gig.status)) return 'NOT_ACTIVE';
      await tx.$queryRaw`SELECT id FROM agent_profiles WHERE id = ${gig.agentId}::uuid FOR UPDATE`;
      const ids = [...new Set(slotIds)].sort();
      const slots = await tx.$queryRaw<LockedSlot[]>`
        SELECT id, starts_at, ends_at, capacity, filled_count FROM client_schedule_slots
        WHERE opportunity_id = ${gig.opportunityId}::uuid AND id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})
        ORDER BY id FOR UPDATE`;
      if (slots.length !== ids.length) return 'UNKNOWN_SLOT';
      const picked = await tx.agentWorkSlot.count({ where: { gigId, slotId: { in: ids } } });
      if (picked > 0) return 'ALREADY_PICKED';
      if (slots.some((s) => s.starts_at <= new Date())) return 'SLOT_STARTED';
      if (slots.some((s) => s.filled_count >= s.capacity)) return 'SLOT_FULL';
      const overlapsEachOther = slots.some((a, i) => slots.some((b, j) => i !== j && a.starts_at < b.ends_at && b.starts_at < a.ends_at));
      const overlapsBooked = await tx.agentWorkSlot.count({
        where: { agentId: gig.agentId, OR: slots.map((s) => ({ startsAt: { lt: s.ends_at }, endsAt: { gt: s.starts_at } })) },
      });
      if (overlapsEachOther || overlapsBooked > 0) return 'OVERLAP';
      for (const slot of slots) {
        await tx.agentWorkSlot.create({ data: { gigId, slotId: slot.id, agentId: gig.agentId, startsAt: slot.starts_at, endsAt: slot.ends_at } });
        await tx.clientScheduleSlot.update({ where: { id: slot.id }, data: { filledCount: { increment: 1 } } });
      }
      return tx.selectedGig.findUniqueOrThrow({ where: { id: gigId }, include: GIG });
    });
  }

  /**
   * One step of the activity machine: the state moves only from `from`, so racing steps cannot both
   * land. LOGIN is accepted only inside a picked slot (from `graceMs` before it starts).
   */
  async recordActivity(gigId: string, agentUserId: string, type: ActivityType, from: WorkState[], to: WorkState, graceMs: number): Promise<ActivityOutcome> {
    return this.db.transaction(async (tx) => {
      const gig = await tx.selectedGig.findFirst({ where: { id: gigId, agent: { userId: agentUserId } }, select: { status: true } });
      if (!gig) return 'NOT_FOUND' as const;
      if (isFinal(GIG_MACHINE, gig.status)) return 'NOT_ACTIVE' as const;
      if (type === 'LOGIN') {
        const windows = await tx.agentWorkSlot.findMany({ where: { gigId }, select: { startsAt: true, endsAt: true } });
        if (windows.length === 0) return 'NO_WORK_SLOTS' as const;
        const login = checkLogin(windows, new Date(), graceMs);
        if (!login.allowed) return { refused: 'OUTSIDE_WORK_SLOT' as const, window: login.window, upcoming: login.upcoming };
      }
      const { count } = await tx.selectedGig.updateMany({ where: { id: gigId, status: { in: openStates(GIG_MACHINE) }, workState: { in: from } }, data: { workState: to } });
      if (count === 0) return 'INVALID_TRANSITION' as const;
      return tx.activityLog.create({ data: { gigId, type } });
    });
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

  /**
   * The sweep's `window-closed` step: ends the session of a gig whose agent is still logged in, with
   * the entries the routes would write (BREAK_END when on a break, then LOGOUT). False when the agent
   * logged out meanwhile.
   */
  async closeWork(gigId: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ status: GigStatus; work_state: WorkState }[]>`SELECT status, work_state FROM selected_gigs WHERE id = ${gigId}::uuid FOR UPDATE`;
      if (!row || isFinal(GIG_MACHINE, row.status) || !canApply(WORK_MACHINE, row.work_state, 'window-closed')) return false;
      // Entries one millisecond apart keep their order in the log.
      const steps: ActivityType[] = row.work_state === 'ON_BREAK' ? ['BREAK_END', 'LOGOUT'] : ['LOGOUT'];
      for (const [i, type] of steps.entries()) await tx.activityLog.create({ data: { gigId, type, occurredAt: new Date(now.getTime() + i) } });
      await tx.selectedGig.update({ where: { id: gigId }, data: { workState: targetOf(WORK_MACHINE, 'window-closed') } });
      return true;
    });
  }

  /**
   * ACTIVE → COMPLETED when the requirements of `complete` hold (the agent is offline, every
   * submission is decided, all approved work is settled, no dispute is open) and some work was approved.
   */
  async complete(gigId: string, scope: GigScope): Promise<CompleteOutcome> {
    return this.db.transaction(async (tx) => {
      const gig = await tx.selectedGig.findFirst({ where: { id: gigId, ...gigWhere(scope) }, select: { id: true } });
      if (!gig) return 'NOT_FOUND';
      const [row] = await tx.$queryRaw<{ status: GigStatus; work_state: WorkState }[]>`SELECT status, work_state FROM selected_gigs WHERE id = ${gigId}::uuid FOR UPDATE`;
      if (!canApply(GIG_MACHINE, row.status, 'complete')) return 'NOT_ACTIVE';
      if (!isFinal(WORK_MACHINE, row.work_state)) return 'WORKING';
      const open = await tx.submittedWork.count({ where: { gigId, status: { in: openStates(SUBMISSION_MACHINE) } } });
      if (open > 0) return 'WORK_OPEN';
      const approved = await tx.submittedWork.count({ where: { gigId, status: 'APPROVED' } });
      if (approved === 0) return 'NO_APPROVED_WORK';
      // Unsettled: approved without a payment row (SETTLED is the only state with one).
      const unpaid = await tx.submittedWork.count({ where: { gigId, status: 'APPROVED', payment: null } });
      if (unpaid > 0) return 'UNPAID';
      const disputed = await tx.dispute.count({ where: { status: { in: openStates(DISPUTE_MACHINE) }, OR: [{ gigId }, { submission: { gigId } }, { payment: { gigId } }] } });
      if (disputed > 0) return 'DISPUTED';
      await tx.selectedGig.update({ where: { id: gigId }, data: { status: targetOf(GIG_MACHINE, 'complete'), completedAt: new Date() } });
      return tx.selectedGig.findUniqueOrThrow({ where: { id: gigId }, include: GIG });
    });
  }

  countApproved(gigId: string) {
    return this.db.client.submittedWork.count({ where: { gigId, status: 'APPROVED' } });
  }
}
