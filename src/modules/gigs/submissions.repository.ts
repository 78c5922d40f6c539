import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { SubmissionStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { GIG_MACHINE, SUBMISSION_MACHINE } from './gig-machines.js';
import { gigWhere, type GigScope } from './gig-scope.js';
import { openStates, sourcesOf, targetOf } from './state-machine.js';

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

/** What a review or a payment reads of a submission: its gig and the opportunity's rate. */
const TERMS = { gigId: true, gig: { select: { opportunity: { select: { rateMinor: true, currency: true } } } } } satisfies Prisma.SubmittedWorkSelect;

/** Whether `error` is a unique-constraint violation (the loser of two racing inserts). */
export const isUniqueViolation = (error: unknown): boolean => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

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

  /** The submission's gig and rate, when the gig's client (or, clientUserId null, anyone) may review it. */
  findForReview(id: string, clientUserId: string | null) {
    return this.db.client.submittedWork.findFirst({ where: { id, ...(clientUserId ? { gig: { client: { userId: clientUserId } } } : {}) }, select: TERMS });
  }

  /** The submission's gig and rate, when it is in `scope`. */
  findTerms(id: string, scope: GigScope) {
    return this.db.client.submittedWork.findFirst({ where: { id, gig: gigWhere(scope) }, select: TERMS });
  }

  /** The submission's review state, its row locked for the rest of the caller's transaction. */
  async lockState(id: string): Promise<{ status: SubmissionStatus; reworkRounds: number; workedMinutes: number | null }> {
    const [row] = await this.db.client.$queryRaw<{ status: SubmissionStatus; rework_rounds: number; worked_minutes: number | null }[]>`
      SELECT status, rework_rounds, worked_minutes FROM submitted_work WHERE id = ${id}::uuid FOR UPDATE`;
    return { status: row.status, reworkRounds: row.rework_rounds, workedMinutes: row.worked_minutes };
  }

  /** The gig's activity log, oldest first. */
  activityOf(gigId: string) {
    return this.db.client.activityLog.findMany({ where: { gigId }, orderBy: { occurredAt: 'asc' }, select: { type: true, occurredAt: true } });
  }

  /** The gig's picked work slots. */
  windowsOf(gigId: string) {
    return this.db.client.agentWorkSlot.findMany({ where: { gigId }, select: { startsAt: true, endsAt: true } });
  }

  /** The worked minutes the gig's approved submissions already cover. */
  async approvedMinutes(gigId: string): Promise<number> {
    const earlier = await this.db.client.submittedWork.aggregate({ where: { gigId, status: 'APPROVED' }, _sum: { workedMinutes: true } });
    return earlier._sum.workedMinutes ?? 0;
  }

  markReviewed(id: string, data: { status: SubmissionStatus; reviewNotes: string | null; workedMinutes: number | undefined; autoApproved: boolean }) {
    return this.db.client.submittedWork.update({ where: { id }, data: { ...data, reviewedAt: new Date() }, select: { id: true } });
  }

  findRow(id: string): Promise<SubmissionRow> {
    return this.db.client.submittedWork.findUniqueOrThrow({ where: { id }, include: SUBMISSION });
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

  /** The submission's status and file count, its row locked for the rest of the caller's transaction; null when it does not exist. */
  async lockFiles(id: string): Promise<{ status: SubmissionStatus; files: number } | null> {
    const [row] = await this.db.client.$queryRaw<{ status: SubmissionStatus; files: number }[]>`
      SELECT status, cardinality(file_keys) AS files FROM submitted_work WHERE id = ${id}::uuid FOR UPDATE`;
    return row ?? null;
  }

  /** Adds a deliverable file to the submission's list. */
  addFile(id: string, key: string): Promise<SubmissionRow> {
    return this.db.client.submittedWork.update({ where: { id }, data: { fileKeys: { push: key } }, include: SUBMISSION });
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

  findPaymentByKey(idempotencyKey: string): Promise<PaymentRow | null> {
    return this.db.client.payment.findUnique({ where: { idempotencyKey }, include: PAYMENT });
  }

  async isPaid(submissionId: string): Promise<boolean> {
    return (await this.db.client.payment.count({ where: { submissionId } })) > 0;
  }

  /** Records a payment; a key or submission already in the ledger fails the insert (see isUniqueViolation). */
  createPayment(data: {
    submissionId: string;
    gigId: string;
    idempotencyKey: string;
    amountMinor: number;
    currency: string;
    workedMinutes: number;
    rateMinor: number;
    createdById: string | null;
  }): Promise<PaymentRow> {
    return this.db.client.payment.create({ data, include: PAYMENT });
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
