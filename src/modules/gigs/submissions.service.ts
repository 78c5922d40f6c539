import { HttpStatus, Injectable, StreamableFile } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { DOCUMENT_TYPES, detectAllowedType } from '../../infra/storage/file-type.js';
import { NotificationsService } from '../notifications/index.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import type { CreateSubmissionDto, ListPaymentsQueryDto, PaymentResponseDto, ReviewSubmissionDto, SubmissionResponseDto } from './dto/submission.dto.js';
import { GIG_MACHINE } from './gig-machines.js';
import { gigScopeOf } from './gig-scope.js';
import { toPaymentDto, toSubmissionDto } from './gigs.mapper.js';
import { GigsRepository } from './gigs.repository.js';
import { platformKey, SubmissionsRepository, type MinutesToApprove, type SubmissionRow } from './submissions.repository.js';
import { isFinal } from './state-machine.js';
import { paymentAmount, summarizeActivity } from './work-activity.js';

const MAX_FILES_PER_SUBMISSION = 10;
const FILE_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

/** Approval pays the worked time (inside the picked slots) the gig's earlier approvals have not covered yet. */
const minutesToApprove: MinutesToApprove = (activity, windows, alreadyApproved) =>
  Math.max(0, summarizeActivity(activity, windows).workedMinutes - alreadyApproved);

const REVIEW_TITLES: Readonly<Record<string, string>> = { APPROVED: 'Work approved', REJECTED: 'Work rejected', REWORK_NEEDED: 'Rework requested' };

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
    if (!['PENDING', 'REWORK_NEEDED'].includes(submission.status)) throw conflict('INVALID_STATE', 'Files can be attached before review or during rework');
    if (submission.fileKeys.length >= MAX_FILES_PER_SUBMISSION) throw conflict('TOO_MANY_FILES', `At most ${MAX_FILES_PER_SUBMISSION} files per submission`);
    const type = await detectAllowedType(file.buffer, DOCUMENT_TYPES);
    const stored = await this.storage.save('deliverables', file.buffer, type.mime, type.ext);
    const updated = await this.submissions.appendFile(id, user.id, stored.key, MAX_FILES_PER_SUBMISSION);
    if (!updated) {
      await this.storage.remove(stored.key);
      throw conflict('INVALID_STATE', 'The submission changed; try again');
    }
    return toSubmissionDto(updated);
  }

  async file(user: AuthUser, id: string, index: number): Promise<StreamableFile> {
    const submission = await this.find(user, id);
    const key = submission.fileKeys[index];
    if (!key) throw notFound('File');
    const type = FILE_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';
    return new StreamableFile(await this.storage.read(key), { type, disposition: 'attachment' });
  }

  async review(user: AuthUser, id: string, dto: ReviewSubmissionDto): Promise<SubmissionResponseDto> {
    const outcome = await this.submissions.review(id, user.id, dto.decision, dto.notes ?? null, {
      maxReworkRounds: this.config.gigs.maxReworkRounds,
      minutesToApprove,
      amountFor: paymentAmount,
    });
    if (outcome === 'NOT_FOUND') throw notFound('Submission');
    if (outcome === 'NOT_AWAITING') throw conflict('INVALID_STATE', 'The submission is not awaiting review');
    if (outcome === 'REWORK_LIMIT') {
      throw conflict('REWORK_LIMIT', `At most ${this.config.gigs.maxReworkRounds} rework rounds; approve or reject the work`);
    }
    await this.notifications.notify([outcome.gig.agent.userId], {
      type: 'submission.reviewed',
      title: REVIEW_TITLES[outcome.status] ?? 'Work reviewed',
      body: dto.notes ?? 'The client reviewed your work',
      data: { submissionId: id, decision: outcome.status },
    });
    await this.notifySettledAtApproval(outcome);
    return toSubmissionDto(outcome);
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
      const outcome = await this.submissions.review(id, null, 'APPROVED', 'Approved automatically: not reviewed in time', {
        maxReworkRounds: this.config.gigs.maxReworkRounds,
        minutesToApprove,
        amountFor: paymentAmount,
        auto: true,
      });
      if (typeof outcome === 'string') continue;
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
      const outcome = await this.submissions.pay(row.id, 'ALL', platformKey('sweep', row.id), null, paymentAmount, 'settle-nothing-due');
      if (typeof outcome === 'string' || !outcome.created) continue;
      settled += 1;
      await this.notifySettled(outcome.payment);
    }
    return settled;
  }

  async pay(user: AuthUser, submissionId: string, key: string): Promise<PaymentResponseDto> {
    const outcome = await this.submissions.pay(submissionId, gigScopeOf(user), key, user.id, paymentAmount);
    switch (outcome) {
      case 'NOT_FOUND':
        throw notFound('Submission');
      case 'NOT_APPROVED':
        throw conflict('NOT_APPROVED', 'Only approved work is paid');
      case 'ALREADY_PAID':
        throw conflict('ALREADY_PAID', 'This submission is already settled (approved work with nothing to pay is settled as 0 at approval)');
      case 'KEY_REUSED':
        throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another payment');
      case 'NOT_ALLOWED':
        throw conflict('INVALID_STATE', 'This settlement cannot be paid now');
    }
    if (outcome.created) await this.notifySettled(outcome.payment);
    return toPaymentDto(outcome.payment);
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
