import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { IdentityStatus, SystemCheckKind, SystemCheckStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

/** System and device checks, the face reference and identity verifications of a candidate. */
@Injectable()
export class CandidateChecksRepository {
  constructor(private readonly db: TransactionHost) {}

  createSystemCheck(data: {
    userId: string;
    kind: SystemCheckKind;
    status: SystemCheckStatus;
    report: Prisma.InputJsonValue;
    failures: Prisma.InputJsonValue;
  }) {
    return this.db.client.systemCheck.create({ data });
  }

  findLatestSystemCheckForUser(userId: string, kind: SystemCheckKind, since: Date) {
    return this.db.client.systemCheck.findFirst({ where: { userId, kind, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } });
  }

  upsertFaceReference(userId: string, descriptor: number[]) {
    return this.db.client.faceReference.upsert({ where: { userId }, update: { descriptor }, create: { userId, descriptor } });
  }

  findFaceReference(userId: string) {
    return this.db.client.faceReference.findUnique({ where: { userId } });
  }

  /** Records an identity verification attempt (the caller numbered it and checked the limit). */
  createVerification(data: { userId: string; status: IdentityStatus; distance: number; attempt: number }) {
    return this.db.client.identityVerification.create({ data });
  }

  countVerificationsSince(userId: string, since: Date) {
    return this.db.client.identityVerification.count({ where: { userId, createdAt: { gte: since } } });
  }

  countFailedVerificationsSince(userId: string, since: Date) {
    return this.db.client.identityVerification.count({ where: { userId, status: 'FAILED', createdAt: { gte: since } } });
  }

  /** A verification that counts for starting: verified at or after `since` (by the match or by a reviewer). */
  findRecentVerified(userId: string, since: Date) {
    return this.db.client.identityVerification.findFirst({
      where: { userId, status: 'VERIFIED', OR: [{ createdAt: { gte: since } }, { reviewedAt: { gte: since } }] },
    });
  }

  findVerification(id: string) {
    return this.db.client.identityVerification.findUnique({ where: { id } });
  }

  async listVerifications(status: IdentityStatus | undefined, skip: number, take: number) {
    const where = status ? { status } : {};
    return Promise.all([
      this.db.client.identityVerification.findMany({ where, orderBy: { createdAt: 'desc' }, skip, take }),
      this.db.client.identityVerification.count({ where }),
    ]);
  }

  /** Decides a manual review; false when it was not (or no longer) awaiting one. */
  async decideManualReview(id: string, decision: 'VERIFIED' | 'FAILED', reviewerId: string, note?: string): Promise<boolean> {
    const { count } = await this.db.client.identityVerification.updateMany({
      where: { id, status: 'MANUAL_REVIEW' },
      data: { status: decision, reviewedById: reviewerId, reviewNote: note, reviewedAt: new Date() },
    });
    return count === 1;
  }
}
