import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { SubmissionStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { GIG_MACHINE, SETTLEMENT_MACHINE, settlementOf, SUBMISSION_MACHINE } from './gig-machines.js';
import { gigWhere, type GigScope } from './gig-scope.js';
import { canApply, openStates, sourcesOf, targetOf } from './state-machine.js';
import type { ActivityEntry, WorkWindow } from './work-activity.js';

const SUBMISSION = {
  gig: {
    select: {
      status: true,
      agent: { select: { userId: true } },
      client: { select: { userId: true } },
      opportunity: { select: { rateMinor: true, currency: true } },
    },
  },
  payment: { select: { id: true, amountMinor: true, currency: true } },
} satisfies Prisma.SubmittedWorkInclude;

export type SubmissionRow = Prisma.SubmittedWorkGetPayload<{ include: typeof SUBMISSION }>;

const PAYMENT = { gig: { select: { agent: { select: { userId: true } }, client: { select: { userId: true } } } } } satisfies Prisma.PaymentInclude;
export type PaymentRow = Prisma.PaymentGetPayload<{ include: typeof PAYMENT }>;

const OPEN = openStates(SUBMISSION_MACHINE);
const REVIEW_ACTION = { APPROVED: 'approve', REJECTED: 'reject', REWORK_NEEDED: 'ask-rework' } as const;

/** Worked minutes to approve, from the gig's log, its picked slots and the minutes earlier approvals already covered. */
export type MinutesToApprove = (activity: ActivityEntry[], windows: WorkWindow[], alreadyApprovedMinutes: number) => number;
/** What `minutes` of work at an hourly `rateMinor` are worth, in minor units. */
export type AmountFor = (minutes: number, rateMinor: number) => number;

export type ReviewOutcome = 'NOT_FOUND' | 'NOT_AWAITING' | 'REWORK_LIMIT' | SubmissionRow;
export type PayOutcome = 'NOT_FOUND' | 'NOT_APPROVED' | 'ALREADY_PAID' | 'KEY_REUSED' | 'NOT_ALLOWED' | { payment: PaymentRow; created: boolean };

/** The ledger key of a payment the platform records by itself. */
export const platformKey = (reason: 'approval' | 'sweep', submissionId: string) => `settled-at-${reason}:${submissionId}`;

@Injectable()
export class SubmissionsRepository {
  constructor(private readonly db: TransactionHost) {}

  countOpen(gigId: string): Promise<number> {
    return this.db.client.submittedWork.count({ where: { gigId, status: { in: OPEN } } });
  }

  create(gigId: string, content: string): Promise<SubmissionRow> {
    return this.db.client.submittedWork.create({ data: { gigId, content }, include: SUBMISSION });
  }

  find(id: string, scope: GigScope): Promise<SubmissionRow | null> {
    return this.db.client.submittedWork.findFirst({ where: { id, gig: gigWhere(scope) }, include: SUBMISSION });
  }

  listForGig(gigId: string) {
    return this.db.client.submittedWork.findMany({ where: { gigId }, include: SUBMISSION, orderBy: { submittedAt: 'asc' } });
  }

  /**
   * PENDING|REWORK_SUBMITTED → APPROVED|REJECTED|REWORK_NEEDED by the gig's client (or automatically:
   * clientUserId null). An approval fixes the worked minutes it pays; when they are worth nothing, the
   * approval settles them at once with a recorded payment of 0 (by the client, or by the platform).
   */
  async review(
    id: string,
    clientUserId: string | null,
    decision: 'APPROVED' | 'REJECTED' | 'REWORK_NEEDED',
    notes: string | null,
    options: { maxReworkRounds: number; minutesToApprove: MinutesToApprove; amountFor: AmountFor; auto?: boolean },
  ): Promise<ReviewOutcome> {
    const action = options.auto ? 'auto-approve' : REVIEW_ACTION[decision];
    return this.db.transaction(async (tx) => {
      const found = await tx.submittedWork.findFirst({
        where: { id, ...(clientUserId ? { gig: { client: { userId: clientUserId } } } : {}) },
        select: { gigId: true, gig: { select: { opportunity: { select: { rateMinor: true, currency: true } } } } },
      });
      if (!found) return 'NOT_FOUND';
      // The gig row lock orders this approval against other approvals and activity of the same gig.
      await tx.$queryRaw`SELECT id FROM selected_gigs WHERE id = ${found.gigId}::uuid FOR UPDATE`;
      const [current] = await tx.$queryRaw<{ status: SubmissionStatus; rework_rounds: number }[]>`
        SELECT status, rework_rounds FROM submitted_work WHERE id = ${id}::uuid FOR UPDATE`;
      if (!canApply(SUBMISSION_MACHINE, current.status, action)) return 'NOT_AWAITING';
      if (decision === 'REWORK_NEEDED' && current.rework_rounds >= options.maxReworkRounds) return 'REWORK_LIMIT';
      let workedMinutes: number | undefined;
      if (decision === 'APPROVED') {
        const activity = await tx.activityLog.findMany({
          where: { gigId: found.gigId },
          orderBy: { occurredAt: 'asc' },
          select: { type: true, occurredAt: true },
        });
        const windows = await tx.agentWorkSlot.findMany({ where: { gigId: found.gigId }, select: { startsAt: true, endsAt: true } });
        const earlier = await tx.submittedWork.aggregate({ where: { gigId: found.gigId, status: 'APPROVED' }, _sum: { workedMinutes: true } });
        workedMinutes = options.minutesToApprove(activity, windows, earlier._sum.workedMinutes ?? 0);
      }
      await tx.submittedWork.update({
        where: { id },
        data: { status: targetOf(SUBMISSION_MACHINE, action), reviewNotes: notes, reviewedAt: new Date(), workedMinutes, autoApproved: options.auto ?? false },
      });
      if (workedMinutes !== undefined) {
        const { rateMinor, currency } = found.gig.opportunity;
        if (settlementOf(false, options.amountFor(workedMinutes, rateMinor)) === 'NOTHING_DUE') {
          await tx.payment.create({
            data: {
              submissionId: id,
              gigId: found.gigId,
              idempotencyKey: platformKey('approval', id),
              amountMinor: 0,
              currency,
              workedMinutes,
              rateMinor,
              createdById: clientUserId,
            },
          });
        }
      }
      return tx.submittedWork.findUniqueOrThrow({ where: { id }, include: SUBMISSION });
    });
  }

  /** REWORK_NEEDED → REWORK_SUBMITTED with the revised content, by the gig's agent. */
  async rework(id: string, agentUserId: string, content: string) {
    const { count } = await this.db.client.submittedWork.updateMany({
      where: {
        id,
        status: { in: sourcesOf(SUBMISSION_MACHINE, 'resubmit') },
        gig: { agent: { userId: agentUserId }, status: { in: openStates(GIG_MACHINE) } },
      },
      data: { status: targetOf(SUBMISSION_MACHINE, 'resubmit'), content, reworkRounds: { increment: 1 }, submittedAt: new Date() },
    });
    return count ? this.db.client.submittedWork.findUniqueOrThrow({ where: { id }, include: SUBMISSION }) : null;
  }

  /** Appends a deliverable file while the agent may still change the submission; null otherwise. */
  async appendFile(id: string, agentUserId: string, key: string, maxFiles: number) {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ status: SubmissionStatus; files: number }[]>`
        SELECT status, cardinality(file_keys) AS files FROM submitted_work WHERE id = ${id}::uuid FOR UPDATE`;
      if (!row || !['PENDING', 'REWORK_NEEDED'].includes(row.status) || row.files >= maxFiles) return null;
      const owned = await tx.submittedWork.count({ where: { id, gig: { agent: { userId: agentUserId } } } });
      if (!owned) return null;
      return tx.submittedWork.update({ where: { id }, data: { fileKeys: { push: key } }, include: SUBMISSION });
    });
  }

  /** Ids of submissions awaiting review since before `before` (for automatic approval). */
  findStale(before: Date) {
    return this.db.client.submittedWork
      .findMany({ where: { status: { in: sourcesOf(SUBMISSION_MACHINE, 'auto-approve') }, submittedAt: { lt: before } }, select: { id: true }, take: 500 })
      .then((rows) => rows.map((row) => row.id));
  }

  /** Approved submissions without a payment, with what the settlement needs (oldest first). */
  findUnsettled() {
    return this.db.client.submittedWork.findMany({
      where: { status: 'APPROVED', payment: null },
      select: { id: true, workedMinutes: true, gig: { select: { opportunity: { select: { rateMinor: true } } } } },
      orderBy: { reviewedAt: 'asc' },
      take: 500,
    });
  }

  /**
   * Settles an APPROVED submission once, by `action` of the settlement machine: `pay` (a client or
   * staff request) or `settle-nothing-due` (the platform, createdById null). The key identifies the
   * request: the same key for the same submission returns the first payment; a key used for another
   * submission, or a second key for a paid submission, is refused. The submission row lock
   * serialises racing requests.
   */
  async pay(
    submissionId: string,
    scope: GigScope,
    key: string,
    createdById: string | null,
    amountFor: AmountFor,
    action: 'pay' | 'settle-nothing-due' = 'pay',
  ): Promise<PayOutcome> {
    const attempt = () =>
      this.db.transaction(async (tx): Promise<PayOutcome> => {
        const submission = await tx.submittedWork.findFirst({
          where: { id: submissionId, gig: gigWhere(scope) },
          select: { gigId: true, gig: { select: { opportunity: { select: { rateMinor: true, currency: true } } } } },
        });
        if (!submission) return 'NOT_FOUND';
        const [row] = await tx.$queryRaw<{ status: SubmissionStatus; worked_minutes: number | null }[]>`
          SELECT status, worked_minutes FROM submitted_work WHERE id = ${submissionId}::uuid FOR UPDATE`;
        // Read the key only under the lock, so a request that waited sees the payment its twin created.
        const byKey = await tx.payment.findUnique({ where: { idempotencyKey: key }, include: PAYMENT });
        if (byKey) return byKey.submissionId === submissionId ? { payment: byKey, created: false } : 'KEY_REUSED';
        if (row.status !== 'APPROVED') return 'NOT_APPROVED';
        const { rateMinor, currency } = submission.gig.opportunity;
        const minutes = row.worked_minutes ?? 0;
        const amountMinor = Math.max(0, amountFor(minutes, rateMinor));
        const settlement = settlementOf((await tx.payment.count({ where: { submissionId } })) > 0, amountMinor);
        if (settlement === 'SETTLED') return 'ALREADY_PAID';
        if (!canApply(SETTLEMENT_MACHINE, settlement, action)) return 'NOT_ALLOWED';
        const payment = await tx.payment.create({
          data: { submissionId, gigId: submission.gigId, idempotencyKey: key, amountMinor, currency, workedMinutes: minutes, rateMinor, createdById },
          include: PAYMENT,
        });
        return { payment, created: true };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first requests with the same key: the loser hits the unique key; answer as a replay.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return attempt();
      throw error;
    }
  }

  async listPayments(scope: GigScope, filter: { gigId?: string }, page: { skip: number; take: number }) {
    const where: Prisma.PaymentWhereInput = { gig: gigWhere(scope), gigId: filter.gigId };
    const [items, total] = await Promise.all([
      this.db.client.payment.findMany({ where, include: PAYMENT, orderBy: { createdAt: 'desc' }, ...page }),
      this.db.client.payment.count({ where }),
    ]);
    return { items, total };
  }
}
