import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { DeliveryChannel, UserRole } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { USER_PROFILE } from './dto/user.dto.js';

export type LoginIdentifier = { email: string } | { phone: string } | { username: string };

/** After `failuresBeforeLock` failed logins in a row the account locks for `lockBaseSeconds`, doubling per further failure up to `lockMaxSeconds`. */
export interface LockoutPolicy {
  failuresBeforeLock: number;
  lockBaseSeconds: number;
  lockMaxSeconds: number;
}

const contactWhere = (channel: DeliveryChannel, target: string): Prisma.UserWhereInput => (channel === 'EMAIL' ? { email: target } : { phone: target });
const verifiedAt = (channel: DeliveryChannel, at: Date) => (channel === 'EMAIL' ? { emailVerifiedAt: at } : { phoneVerifiedAt: at });

/** The credential columns of the users table: login checks, lockout, sign-up, verified contacts, password reset. */
@Injectable()
export class UserCredentialsRepository {
  constructor(private readonly db: TransactionHost) {}

  findForLogin(identifier: LoginIdentifier) {
    return this.db.client.user.findFirst({
      where: { ...identifier, deletedAt: null },
      select: { id: true, role: true, status: true, passwordHash: true, lockedUntil: true, failedLoginCount: true },
    });
  }

  /** Counts a failed login in one statement and locks the account as `policy` says; failures during a lock do not count. */
  async recordFailure(userId: string, policy: LockoutPolicy): Promise<void> {
    await this.db.client.$executeRaw`
      UPDATE users
         SET failed_login_count = failed_login_count + 1,
             locked_until = CASE
               WHEN failed_login_count + 1 >= ${policy.failuresBeforeLock}
               THEN now() + make_interval(secs => LEAST(${policy.lockMaxSeconds}, ${policy.lockBaseSeconds} * power(2, failed_login_count + 1 - ${policy.failuresBeforeLock})))
               ELSE locked_until END
       WHERE id = ${userId}::uuid AND (locked_until IS NULL OR locked_until <= now())`;
  }

  async clearFailures(userId: string): Promise<void> {
    await this.db.client.user.updateMany({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
  }

  /** An active user whose contact (`channel`, `target`) is verified now. */
  createVerified(input: { channel: DeliveryChannel; target: string; name: string; passwordHash: string; role: UserRole }) {
    return this.db.client.user.create({
      data: {
        ...contactWhere(input.channel, input.target),
        ...verifiedAt(input.channel, new Date()),
        name: input.name,
        passwordHash: input.passwordHash,
        role: input.role,
        status: 'ACTIVE',
      } as Prisma.UserCreateInput,
      select: USER_PROFILE,
    });
  }

  /** Marks the contact of `channel` verified and clears the lockout. */
  markContactVerified(userId: string, channel: DeliveryChannel) {
    return this.db.client.user.update({
      where: { id: userId },
      data: { ...verifiedAt(channel, new Date()), failedLoginCount: 0, lockedUntil: null },
      select: { id: true, role: true, status: true },
    });
  }

  /** New hash changed at `changedAt`, lockout cleared, the contact of `channel` verified. */
  async setPassword(userId: string, channel: DeliveryChannel, passwordHash: string, changedAt: Date): Promise<void> {
    await this.db.client.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: changedAt, failedLoginCount: 0, lockedUntil: null, ...verifiedAt(channel, changedAt) },
    });
  }

  findContactVerification(userId: string) {
    return this.db.client.user.findFirst({ where: { id: userId }, select: { emailVerifiedAt: true, phoneVerifiedAt: true } });
  }

  findOwnerContact(channel: DeliveryChannel, target: string) {
    return this.db.client.user.findFirst({
      where: { ...contactWhere(channel, target), deletedAt: null },
      select: { email: true, phone: true, username: true },
    });
  }
}
