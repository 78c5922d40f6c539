import { HttpStatus, Injectable, StreamableFile } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import type { SubmissionStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { DOCUMENT_TYPES, detectAllowedType } from '../../infra/storage/file-type.js';
import { NotificationsService } from '../notifications/index.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import type { CreateSubmissionDto, ListPaymentsQueryDto, PaymentResponseDto, ReviewSubmissionDto, SubmissionResponseDto } from './dto/submission.dto.js';
import { GIG_MACHINE, SETTLEMENT_MACHINE, settlementOf, SUBMISSION_MACHINE } from './gig-machines.js';
import { gigScopeOf, type GigScope } from './gig-scope.js';
import { toPaymentDto, toSubmissionDto } from './gigs.mapper.js';
import { GigsRepository } from './gigs.repository.js';
import { isUniqueViolation, SubmissionsRepository, type PaymentRow, type SubmissionRow } from './submissions.repository.js';
import { canApply, isFinal, targetOf } from './state-machine.js';
import { paymentAmount, summarizeActivity, type ActivityEntry, type WorkWindow } from './work-activity.js';

const MAX_FILES_PER_SUBMISSION = 10;
/** The submission states in which its agent may still attach files. */
const FILE_STATES: readonly SubmissionStatus[] = ['PENDING', 'REWORK_NEEDED'];
const FILE_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

/** Approval pays the worked time (inside the picked slots) the gig's earlier approvals have not covered yet. */
const minutesToApprove = (activity: ActivityEntry[], windows: WorkWindow[], alreadyApproved: number): number =>
  Math.max(0, summarizeActivity(activity, windows).workedMinutes - alreadyApproved);

/** The ledger key of a payment the platform records by itself. */
const platformKey = (reason: 'approval' | 'sweep', submissionId: string) => `settled-at-${reason}:${submissionId}`;

type Decision = ReviewSubmissionDto['decision'];
const REVIEW_ACTION = { APPROVED: 'approve', REJECTED: 'reject', REWORK_NEEDED: 'ask-rework' } as const satisfies Record<Decision, string>;

const REVIEW_TITLES: Readonly<Record<string, string>> = { APPROVED: 'Work approved', REJECTED: 'Work rejected', REWORK_NEEDED: 'Rework requested' };

/** A sweep skips a record a request refused (already decided or settled meanwhile); other errors stop it. */
const skipRefused = (error: unknown): null => {
  if (error instanceof AppError) return null;
  throw error;
};

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly gigs: GigsRepository,
    private readonly storage: StorageProvider,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly db: TransactionHost,
  ) {}

  async submit(user: AuthUser, gigId: string, dto: CreateSubmissionDto): Promise<SubmissionResponseDto> {
    // A new submission on an open gig of this agent (its row locked), unless another is still open.
    const outcome = await this.db.withTransaction(async () => {
      if (!(await this.gigs.findForAgent(gigId, user.id))) throw notFound('Gig');
      if (isFinal(GIG_MACHINE, (await this.gigs.lockStates(gigId)).status)) throw conflict('INVALID_STATE', 'The gig is completed');
      if ((await this.submissions.countOpen(gigId)) > 0) throw conflict('SUBMISSION_OPEN', 'Your previous submission still awaits review or rework');
      return this.submissions.create(gigId, dto.content);
    });
    await this.notifications.notify([outcome.gig.client.userId], {
      type: 'submission.received',
      title: 'Work submitted',
      body: 'The agent submitted work for your review',
      data: { gigId, submissionId: outcome.id },
    });
    return toSubmissionDto(outcome);
  }

  async listForGig(user: AuthUser, gigId: string): Promise<SubmissionResponseDto[]> {
    if (!(await this.gigs.find(gigId, gigScopeOf(user)))) throw notFound('Gig');
    return (await this.submissions.listForGig(gigId)).map(toSubmissionDto);
  }

  async get(user: AuthUser, id: string): Promise<SubmissionResponseDto> {
    return toSubmissionDto(await this.find(user, id));
  }

  async attachFile(user: AuthUser, id: string, file: { buffer?: Buffer; size: number } | undefined): Promise<SubmissionResponseDto> {
    if (!file?.buffer || file.size === 0) throw badRequest('FILE_REQUIRED', 'Attach the file in the "file" field');
    const submission = await this.find(user, id);
    if (submission.gig.agent.userId !== user.id) throw notFound('Submission');
    if (!FILE_STATES.includes(submission.status)) throw conflict('INVALID_STATE', 'Files can be attached before review or during rework');
    if (submission.fileKeys.length >= MAX_FILES_PER_SUBMISSION) throw conflict('TOO_MANY_FILES', `At most ${MAX_FILES_PER_SUBMISSION} files per submission`);
    const type = await detectAllowedType(file.buffer, DOCUMENT_TYPES);
    const stored = await this.storage.save('deliverables', file.buffer, type.mime, type.ext);
    try {
      // The state and count checks above ran on an unlocked read; they hold again on the locked row, so
      // two racing attachments cannot both take the last place (the later one sees the earlier one's file).
      // The owner needs no second look: a submission's gig and its agent never change.
      const updated = await this.db.withTransaction(async () => {
        const current = await this.submissions.lockFiles(id);
        const allowed = current && FILE_STATES.includes(current.status) && current.files < MAX_FILES_PER_SUBMISSION;
        if (!allowed) throw conflict('INVALID_STATE', 'The submission changed; try again');
        return this.submissions.addFile(id, stored.key);
      });
      return toSubmissionDto(updated);
    } catch (error) {
      await this.storage.remove(stored.key);
      throw error;
    }
  }

  async file(user: AuthUser, id: string, index: number): Promise<StreamableFile> {
    const submission = await this.find(user, id);
    const key = submission.fileKeys[index];
    if (!key) throw notFound('File');
    const type = FILE_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';
    return new StreamableFile(await this.storage.read(key), { type, disposition: 'attachment' });
  }

  async review(user: AuthUser, id: string, dto: ReviewSubmissionDto): Promise<SubmissionResponseDto> {
    const outcome = await this.decide(id, user.id, dto.decision, dto.notes ?? null, false);
    await this.notifications.notify([outcome.gig.agent.userId], {
      type: 'submission.reviewed',
      title: REVIEW_TITLES[outcome.status] ?? 'Work reviewed',
      body: dto.notes ?? 'The client reviewed your work',
      data: { submissionId: id, decision: outcome.status },
    });
    await this.notifySettledAtApproval(outcome);
    return toSubmissionDto(outcome);
  }

  /**
   * PENDING|REWORK_SUBMITTED → APPROVED|REJECTED|REWORK_NEEDED by the gig's client (or automatically:
   * clientUserId null), in one transaction. The gig row lock orders this approval against other
   * approvals and activity of the same gig; the submission row lock against other reviews of it. An
   * approval fixes the worked minutes it pays; when they are worth nothing, the approval settles them
   * at once with a recorded payment of 0 (by the client, or by the platform).
   */
  private decide(id: string, clientUserId: string | null, decision: Decision, notes: string | null, auto: boolean): Promise<SubmissionRow> {
    const action = auto ? 'auto-approve' : REVIEW_ACTION[decision];
    const maxReworkRounds = this.config.gigs.maxReworkRounds;
    return this.db.withTransaction(async () => {
      const found = await this.submissions.findForReview(id, clientUserId);
      if (!found) throw notFound('Submission');
      await this.gigs.lock(found.gigId);
      const current = await this.submissions.lockState(id);
      if (!canApply(SUBMISSION_MACHINE, current.status, action)) throw conflict('INVALID_STATE', 'The submission is not awaiting review');
      if (decision === 'REWORK_NEEDED' && current.reworkRounds >= maxReworkRounds) {
        throw conflict('REWORK_LIMIT', `At most ${maxReworkRounds} rework rounds; approve or reject the work`);
      }
      let workedMinutes: number | undefined;
      if (decision === 'APPROVED') {
        const activity = await this.submissions.activityOf(found.gigId);
        const windows = await this.submissions.windowsOf(found.gigId);
        workedMinutes = minutesToApprove(activity, windows, await this.submissions.approvedMinutes(found.gigId));
      }
      await this.submissions.markReviewed(id, { status: targetOf(SUBMISSION_MACHINE, action), reviewNotes: notes, workedMinutes, autoApproved: auto });
      if (workedMinutes !== undefined) {
        const { rateMinor, currency } = found.gig.opportunity;
        if (settlementOf(false, paymentAmount(workedMinutes, rateMinor)) === 'NOTHING_DUE') {
          await this.submissions.createPayment({
            submissionId: id,
            gigId: found.gigId,
            idempotencyKey: platformKey('approval', id),
            amountMinor: 0,
            currency,
            workedMinutes,
            rateMinor,
            createdById: clientUserId,
          });
        }
      }
      return this.submissions.findRow(id);
    });
  }

  async rework(user: AuthUser, id: string, dto: CreateSubmissionDto): Promise<SubmissionResponseDto> {
    const updated = await this.submissions.rework(id, user.id, dto.content);
    if (!updated) {
      await this.find(user, id);
      throw conflict('INVALID_STATE', 'Only work marked REWORK_NEEDED can be resubmitted');
    }
    await this.notifications.notify([updated.gig.client.userId], {
      type: 'submission.reworked',
      title: 'Rework submitted',
      body: 'The agent resubmitted the work for your review',
      data: { submissionId: id },
    });
    return toSubmissionDto(updated);
  }

  /** Approves work the client left unreviewed for the configured number of days; returns how many. */
  async autoApproveStale(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.gigs.autoApproveDays * 86_400_000);
    let approved = 0;
    for (const id of await this.submissions.findStale(before)) {
      // Work the client reviewed (or that went away) since it was listed is left as it is.
      const outcome = await this.decide(id, null, 'APPROVED', 'Approved automatically: not reviewed in time', true).catch(skipRefused);
      if (!outcome) continue;
      approved += 1;
      await this.notifications.notify([outcome.gig.agent.userId, outcome.gig.client.userId], {
        type: 'submission.reviewed',
        title: 'Work approved automatically',
        body: `The work was not reviewed within ${this.config.gigs.autoApproveDays} days and is approved`,
        data: { submissionId: id, decision: 'APPROVED', automatic: true },
      });
      await this.notifySettledAtApproval(outcome);
    }
    return approved;
  }

  /** Settles approved work with nothing to pay that no approval settled (approved before that rule); returns how many. */
  async settleNothingDue(): Promise<number> {
    let settled = 0;
    for (const row of await this.submissions.findUnsettled()) {
      if (paymentAmount(row.workedMinutes ?? 0, row.gig.opportunity.rateMinor) > 0) continue;
      // Work paid or changed since it was listed is left as it is.
      const outcome = await this.settle(row.id, 'ALL', platformKey('sweep', row.id), null, 'settle-nothing-due').catch(skipRefused);
      if (!outcome?.created) continue;
      settled += 1;
      await this.notifySettled(outcome.payment);
    }
    return settled;
  }

  async pay(user: AuthUser, submissionId: string, key: string): Promise<PaymentResponseDto> {
    const outcome = await this.settle(submissionId, gigScopeOf(user), key, user.id, 'pay');
    if (outcome.created) await this.notifySettled(outcome.payment);
    return toPaymentDto(outcome.payment);
  }

  /**
   * Settles an APPROVED submission once, by `action` of the settlement machine: `pay` (a client or
   * staff request) or `settle-nothing-due` (the platform, createdById null). The key identifies the
   * request: the same key for the same submission returns the first payment (created: false); a key
   * used for another submission, or a second key for a paid submission, is refused. The submission
   * row lock serialises racing requests for one submission.
   */
  private async settle(
    submissionId: string,
    scope: GigScope,
    key: string,
    createdById: string | null,
    action: 'pay' | 'settle-nothing-due',
  ): Promise<{ payment: PaymentRow; created: boolean }> {
    const attempt = () =>
      this.db.withTransaction(async () => {
        const submission = await this.submissions.findTerms(submissionId, scope);
        if (!submission) throw notFound('Submission');
        const row = await this.submissions.lockState(submissionId);
        // Read the key only under the lock, so a request that waited sees the payment its twin created.
        const byKey = await this.submissions.findPaymentByKey(key);
        if (byKey) {
          if (byKey.submissionId !== submissionId) {
            throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another payment');
          }
          return { payment: byKey, created: false };
        }
        if (row.status !== 'APPROVED') throw conflict('NOT_APPROVED', 'Only approved work is paid');
        const { rateMinor, currency } = submission.gig.opportunity;
        const minutes = row.workedMinutes ?? 0;
        const amountMinor = Math.max(0, paymentAmount(minutes, rateMinor));
        const settlement = settlementOf(await this.submissions.isPaid(submissionId), amountMinor);
        if (settlement === 'SETTLED') {
          throw conflict('ALREADY_PAID', 'This submission is already settled (approved work with nothing to pay is settled as 0 at approval)');
        }
        if (!canApply(SETTLEMENT_MACHINE, settlement, action)) throw conflict('INVALID_STATE', 'This settlement cannot be paid now');
        const payment = await this.submissions.createPayment({
          submissionId,
          gigId: submission.gigId,
          idempotencyKey: key,
          amountMinor,
          currency,
          workedMinutes: minutes,
          rateMinor,
          createdById,
        });
        return { payment, created: true };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first requests with one key: the loser hits the unique key; a new transaction answers it as a replay (or a reused key).
      if (isUniqueViolation(error)) return attempt();
      throw error;
    }
  }

  private notifySettled(payment: { id: string; amountMinor: number; currency: string; gig: { agent: { userId: string } } }): Promise<void> {
    return this.notifications.notify([payment.gig.agent.userId], {
      type: 'payment.settled',
      title: 'Payment made',
      body: `${(payment.amountMinor / 100).toFixed(2)} ${payment.currency} for your work`,
      data: { paymentId: payment.id, amountMinor: payment.amountMinor, currency: payment.currency },
    });
  }

  /** An approval that settled work with nothing to pay tells the agent as a payment does. */
  private async notifySettledAtApproval(submission: SubmissionRow): Promise<void> {
    if (submission.status !== 'APPROVED' || !submission.payment) return;
    await this.notifySettled({ ...submission.payment, gig: submission.gig });
  }

  async payments(user: AuthUser, query: ListPaymentsQueryDto): Promise<Page<PaymentResponseDto>> {
    const { items, total } = await this.submissions.listPayments(gigScopeOf(user), { gigId: query.gigId }, pageArgs(query));
    return toPage(items, total, query, toPaymentDto);
  }

  private async find(user: AuthUser, id: string): Promise<SubmissionRow> {
    const row = await this.submissions.find(id, gigScopeOf(user));
    if (!row) throw notFound('Submission');
    return row;
  }
}
