import { Injectable } from '@nestjs/common';
import type { DeliveryChannel, UserRole } from '../../generated/prisma/enums.js';
import { type LockoutPolicy, type LoginIdentifier, UserCredentialsRepository } from './user-credentials.repository.js';

export type { LockoutPolicy, LoginIdentifier };

/**
 * The credential side of a user account, for the auth module: what a login checks, the lockout
 * counter, the account a sign-up creates, verified contacts and a password reset. Each call joins
 * the caller's transaction when one is open, so auth can spend its verification and make the
 * account change in one transaction.
 */
@Injectable()
export class UserCredentials {
  constructor(private readonly credentials: UserCredentialsRepository) {}

  /** id, role, status, password hash and lockout state of the (not deleted) account; null when none. */
  findForLogin(identifier: LoginIdentifier) {
    return this.credentials.findForLogin(identifier);
  }

  recordFailedLogin(userId: string, policy: LockoutPolicy): Promise<void> {
    return this.credentials.recordFailure(userId, policy);
  }

  clearFailedLogins(userId: string): Promise<void> {
    return this.credentials.clearFailures(userId);
  }

  /** The user a sign-up creates: active, its email or phone verified. Its role's profile row is `UsersService.createRoleProfile`. */
  createVerified(input: { channel: DeliveryChannel; target: string; name: string; passwordHash: string; role: UserRole }) {
    return this.credentials.createVerified(input);
  }

  /** A code login proved the contact: it is verified and the lockout cleared; the user's id, role and status. */
  markContactVerified(userId: string, channel: DeliveryChannel) {
    return this.credentials.markContactVerified(userId, channel);
  }

  /** A reset proved the contact: the new hash (which invalidates older tokens), lockout cleared, contact verified. */
  setResetPassword(userId: string, channel: DeliveryChannel, passwordHash: string, changedAt: Date): Promise<void> {
    return this.credentials.setPassword(userId, channel, passwordHash, changedAt);
  }

  /** When the email and the phone were verified (null when not). */
  findContactVerification(userId: string) {
    return this.credentials.findContactVerification(userId);
  }

  /** Email, phone and username of the (not deleted) account with this contact, for the password policy. */
  findOwnerContact(channel: DeliveryChannel, target: string) {
    return this.credentials.findOwnerContact(channel, target);
  }
}
