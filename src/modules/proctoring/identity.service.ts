import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { AppError, badRequest, conflict } from '../../common/http/app-error.js';
import { Page, pageArgs, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { UsersService } from '../users/index.js';
import { CandidateChecksRepository } from './candidate-checks.repository.js';
import { FaceReferenceDto, IdentityVerificationDto, ListIdentityQueryDto, ReviewIdentityDto, toIdentityVerificationDto } from './dto/checks.dto.js';
import { decideIdentity, faceDistance, isValidDescriptor } from './domain/face-descriptor.js';

/** Failed attempts are counted over this window; after the limit, the candidate waits or asks an admin. */
export const IDENTITY_ATTEMPT_WINDOW_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class IdentityService {
  constructor(
    private readonly checks: CandidateChecksRepository,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly db: TransactionHost,
  ) {}

  /**
   * The reference descriptor, computed by the browser from the reference photo on the agent's
   * profile (the agents module owns the photo; this module keeps only the descriptor).
   */
  async setFaceReference(user: AuthUser, descriptor: number[]): Promise<FaceReferenceDto> {
    this.assertDescriptor(descriptor);
    const reference = await this.checks.upsertFaceReference(user.id, descriptor);
    return { hasReference: true, updatedAt: reference.updatedAt };
  }

  async getFaceReference(user: AuthUser): Promise<FaceReferenceDto> {
    const reference = await this.checks.findFaceReference(user.id);
    return { hasReference: Boolean(reference), updatedAt: reference?.updatedAt ?? null };
  }

  async verify(user: AuthUser, descriptor: number[]): Promise<IdentityVerificationDto> {
    this.assertDescriptor(descriptor);
    const reference = await this.checks.findFaceReference(user.id);
    if (!reference) throw conflict('FACE_REFERENCE_MISSING', 'Set the reference face from your profile photo first');
    const { faceDistanceThreshold, faceReviewMargin, identityMaxAttempts } = this.config.proctoring;
    const distance = faceDistance(reference.descriptor, descriptor);
    const status = decideIdentity(distance, faceDistanceThreshold, faceReviewMargin);
    const since = new Date(Date.now() - IDENTITY_ATTEMPT_WINDOW_MS);
    // The user's row is locked first: parallel attempts are counted one after the other.
    const outcome = await this.db.withTransaction(async () => {
      await this.users.lockUser(user.id);
      const failed = await this.checks.countFailedVerificationsSince(user.id, since);
      if (failed >= identityMaxAttempts) {
        throw new AppError(
          HttpStatus.TOO_MANY_REQUESTS,
          'IDENTITY_ATTEMPTS_EXHAUSTED',
          'Too many failed identity checks; try again tomorrow or contact support',
        );
      }
      const attempt = (await this.checks.countVerificationsSince(user.id, since)) + 1;
      const created = await this.checks.createVerification({ userId: user.id, status, distance, attempt });
      return { created, failedSoFar: failed + (status === 'FAILED' ? 1 : 0) };
    });
    return toIdentityVerificationDto(outcome.created, identityMaxAttempts - outcome.failedSoFar);
  }

  async list(query: ListIdentityQueryDto): Promise<Page<IdentityVerificationDto>> {
    const { skip, take } = pageArgs(query);
    const [items, total] = await this.checks.listVerifications(query.status, skip, take);
    return toPage(items, total, query, (v) => toIdentityVerificationDto(v, null));
  }

  async review(id: string, dto: ReviewIdentityDto, reviewer: AuthUser): Promise<IdentityVerificationDto> {
    foundOr404(await this.checks.findVerification(id), 'Identity verification');
    const decided = await this.checks.decideManualReview(id, dto.decision, reviewer.id, dto.note);
    if (!decided) throw conflict('INVALID_STATE', 'Only a verification awaiting manual review can be decided');
    const updated = foundOr404(await this.checks.findVerification(id), 'Identity verification');
    const failed = await this.checks.countFailedVerificationsSince(updated.userId, new Date(Date.now() - IDENTITY_ATTEMPT_WINDOW_MS));
    return toIdentityVerificationDto(updated, Math.max(0, this.config.proctoring.identityMaxAttempts - failed));
  }

  /** The DTO already validates; this guards the service for callers that bypass it. */
  private assertDescriptor(descriptor: unknown): asserts descriptor is number[] {
    if (!isValidDescriptor(descriptor)) {
      throw badRequest('INVALID_DESCRIPTOR', 'A face descriptor is 128 finite numbers within [-1, 1]', [{ field: 'descriptor', message: 'malformed' }]);
    }
  }
}
