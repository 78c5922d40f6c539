import { Injectable } from '@nestjs/common';
import type { DeliveryChannel, OtpPurpose } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { OTP_MAX_ATTEMPTS, OTP_MAX_PER_TARGET_PER_HOUR, OTP_RESEND_COOLDOWN_MS, OTP_TTL_MS, VERIFICATION_TTL_MS } from './auth.constants.js';

export type IssueOutcome = { issued: true } | { issued: false; retryAfterSeconds: number };

@Injectable()
export class OtpRepository {
  constructor(private readonly db: TransactionHost) {}

  /**
   * Stores a new code for the target unless the resend cooldown or the hourly cap says no; older live
   * codes for the same purpose die. Requests for one target are serialised by an advisory lock.
   */
  issue(input: { channel: DeliveryChannel; target: string; purpose: OtpPurpose; codeHash: string; requestIp?: string }): Promise<IssueOutcome> {
    return this.db.transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`otp:${input.target}`}))`;
      const now = Date.now();
      const latest = await tx.otpCode.findFirst({
        where: { target: input.target, purpose: input.purpose },
        orderBy: { createdAt: 'desc' },
        select: { createdAt: true },
      });
      if (latest && now - latest.createdAt.getTime() < OTP_RESEND_COOLDOWN_MS) {
        return { issued: false, retryAfterSeconds: Math.ceil((latest.createdAt.getTime() + OTP_RESEND_COOLDOWN_MS - now) / 1000) };
      }
      const hourAgo = new Date(now - 3_600_000);
      const recent = await tx.otpCode.findMany({
        where: { target: input.target, createdAt: { gte: hourAgo } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      });
      if (recent.length >= OTP_MAX_PER_TARGET_PER_HOUR) {
        return { issued: false, retryAfterSeconds: Math.ceil((recent[0].createdAt.getTime() + 3_600_000 - now) / 1000) };
      }
      await tx.otpCode.updateMany({ where: { target: input.target, purpose: input.purpose, consumedAt: null }, data: { consumedAt: new Date(now) } });
      await tx.otpCode.create({ data: { ...input, requestIp: input.requestIp ?? null, createdAt: new Date(now), expiresAt: new Date(now + OTP_TTL_MS) } });
      return { issued: true };
    });
  }

  /** The live code for a target and purpose (the newest, unexpired, not consumed). */
  findLive(target: string, purpose: OtpPurpose) {
    return this.db.client.otpCode.findFirst({
      where: { target, purpose, consumedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, codeHash: true },
    });
  }

  /** Spends one of the code's tries before the guess is compared, so concurrent guesses cannot exceed the cap. */
  async claimAttempt(id: string): Promise<boolean> {
    const { count } = await this.db.client.otpCode.updateMany({
      where: { id, consumedAt: null, attempts: { lt: OTP_MAX_ATTEMPTS }, expiresAt: { gt: new Date() } },
      data: { attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /**
   * Marks a verified code's verification token used, if it belongs to this target and purpose, is
   * recent and unused. The caller runs it in the transaction of the action it unlocks (signup,
   * login, reset), so that action happens at most once per verification, and a failed action
   * leaves the verification unused.
   */
  async consumeVerification(purpose: OtpPurpose, target: string, verificationHash: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.db.client.otpCode.updateMany({
      where: { verificationHash, purpose, target, usedAt: null, verifiedAt: { gte: new Date(now.getTime() - VERIFICATION_TTL_MS) } },
      data: { usedAt: now },
    });
    return count === 1;
  }

  /** Consumes the code and stores its verification token; false if another request got there first. */
  async markVerified(id: string, verificationHash: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.db.client.otpCode.updateMany({
      where: { id, consumedAt: null },
      data: { consumedAt: now, verifiedAt: now, verificationHash },
    });
    return count === 1;
  }
}
