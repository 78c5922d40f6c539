import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { DeliveryChannel, UserRole } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { USER_PROFILE } from '../users/index.js';
import { LOGIN_FAILURES_BEFORE_LOCK, LOGIN_LOCK_BASE_SECONDS, LOGIN_LOCK_MAX_SECONDS } from './auth.constants.js';
import { consumeVerification } from './otp.repository.js';

export type LoginIdentifier = { email: string } | { phone: string } | { username: string };

const contactWhere = (channel: DeliveryChannel, target: string): Prisma.UserWhereInput => (channel === 'EMAIL' ? { email: target } : { phone: target });
const verifiedNow = (channel: DeliveryChannel) => (channel === 'EMAIL' ? { emailVerifiedAt: new Date() } : { phoneVerifiedAt: new Date() });

/** The credential side of the users table: sign-up, login checks, lockout and password reset. */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly db: TransactionHost) {}

  findForLogin(identifier: LoginIdentifier) {
    return this.db.client.user.findFirst({
      where: { ...identifier, deletedAt: null },
      select: { id: true, role: true, status: true, passwordHash: true, lockedUntil: true, failedLoginCount: true },
    });
  }

  /**
   * Counts a failed login in one statement; from the fifth failure in a row the account locks, for
   * 1 minute doubling with every further failure up to an hour. Failures during a lock do not count.
   */
  async recordFailure(userId: string): Promise<void> {
    await this.db.client.$executeRaw`
      UPDATE users
         SET failed_login_count = failed_login_count + 1,
             locked_until = CASE
               WHEN failed_login_count + 1 >= ${LOGIN_FAILURES_BEFORE_LOCK}
               THEN now() + make_interval(secs => LEAST(${LOGIN_LOCK_MAX_SECONDS}, ${LOGIN_LOCK_BASE_SECONDS} * power(2, failed_login_count + 1 - ${LOGIN_FAILURES_BEFORE_LOCK})))
               ELSE locked_until END
       WHERE id = ${userId}::uuid AND (locked_until IS NULL OR locked_until <= now())`;
  }

  async recordSuccess(userId: string): Promise<void> {
    await this.db.client.user.updateMany({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
  }

  /** Uses the SIGNUP verification and creates the user (verified contact) atomically; null when the verification is not valid. */
  signup(input: { channel: DeliveryChannel; target: string; verificationHash: string; name: string; passwordHash: string; role: UserRole }) {
    return this.db.transaction(async (tx) => {
      if (!(await consumeVerification(tx, 'SIGNUP', input.target, input.verificationHash))) return null;
      return tx.user.create({
        data: {
          ...contactWhere(input.channel, input.target),
          ...verifiedNow(input.channel),
          name: input.name,
          passwordHash: input.passwordHash,
          role: input.role,
          status: 'ACTIVE',
        } as Prisma.UserCreateInput,
        select: USER_PROFILE,
      });
    });
  }

  /** Uses a LOGIN verification: the account of that contact, now marked verified; null when not valid. */
  loginWithVerification(channel: DeliveryChannel, target: string, verificationHash: string) {
    return this.db.transaction(async (tx) => {
      const user = await tx.user.findFirst({
        where: { ...contactWhere(channel, target), deletedAt: null, status: { in: ['ACTIVE', 'PENDING'] } },
        select: { id: true },
      });
      if (!user || !(await consumeVerification(tx, 'LOGIN', target, verificationHash))) return null;
      return tx.user.update({
        where: { id: user.id },
        data: { ...verifiedNow(channel), failedLoginCount: 0, lockedUntil: null },
        select: { id: true, role: true, status: true },
      });
    });
  }

  /**
   * Uses a PASSWORD_RESET verification: new hash, lockout cleared, every refresh token revoked. False
   * when the verification or the account is not valid.
   */
  /** Sets the new password and signs out every session; the user's id, or null when the code does not match. */
  resetPassword(channel: DeliveryChannel, target: string, verificationHash: string, passwordHash: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const user = await tx.user.findFirst({
        where: { ...contactWhere(channel, target), deletedAt: null, status: { in: ['ACTIVE', 'PENDING'] } },
        select: { id: true },
      });
      if (!user || !(await consumeVerification(tx, 'PASSWORD_RESET', target, verificationHash))) return null;
      const now = new Date();
      await tx.user.update({
        where: { id: user.id },
        data: { passwordHash, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null, ...verifiedNow(channel) },
      });
      await tx.refreshToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
      return user.id;
    });
  }

  findEmailAndPhoneVerification(userId: string) {
    return this.db.client.user.findFirst({ where: { id: userId }, select: { emailVerifiedAt: true, phoneVerifiedAt: true } });
  }

  findOwnerContact(channel: DeliveryChannel, target: string) {
    return this.db.client.user.findFirst({
      where: { ...contactWhere(channel, target), deletedAt: null },
      select: { email: true, phone: true, username: true },
    });
  }
}
