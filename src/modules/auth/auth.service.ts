import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { OnboardingRegistry, type OnboardingStep } from '../../common/auth/onboarding.js';
import { AppError, badRequest } from '../../common/http/app-error.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { contactOf, PasswordHasher, assertStrongPassword, type LockoutPolicy, type LoginIdentifier, UserCredentials, UsersService } from '../users/index.js';
import { LOGIN_FAILURES_BEFORE_LOCK, LOGIN_LOCK_BASE_SECONDS, LOGIN_LOCK_MAX_SECONDS } from './auth.constants.js';
import { AuthResultDto, LoginDto, RegistrationStatusDto, ResetPasswordDto, SignupDto } from './dto/auth.dto.js';
import { OtpRepository } from './otp.repository.js';
import { tokenHash } from './secrets.js';
import { SessionsService } from './sessions.service.js';

/** One answer for every failed login: unknown account, wrong password, locked, suspended or deleted. */
const invalidCredentials = () => new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'The sign-in details are not correct');
const notVerified = () =>
  badRequest('OTP_NOT_VERIFIED', 'Verify a code for this email or phone first (POST /otp/verify)', [
    { field: 'verificationToken', message: 'verificationToken is not valid for this email or phone' },
  ]);

/** From the fifth failure in a row the account locks, for 1 minute doubling with every further failure up to an hour. */
const LOGIN_LOCKOUT: LockoutPolicy = {
  failuresBeforeLock: LOGIN_FAILURES_BEFORE_LOCK,
  lockBaseSeconds: LOGIN_LOCK_BASE_SECONDS,
  lockMaxSeconds: LOGIN_LOCK_MAX_SECONDS,
};

@Injectable()
export class AuthService {
  constructor(
    private readonly credentials: UserCredentials,
    private readonly codes: OtpRepository,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersService,
    private readonly onboarding: OnboardingRegistry,
    private readonly realtime: RealtimeService,
    private readonly db: TransactionHost,
  ) {}

  async signup(dto: SignupDto): Promise<AuthResultDto> {
    const contact = contactOf(dto);
    assertStrongPassword(dto.password, { email: dto.email, phone: dto.phone });
    const passwordHash = await this.hasher.hash(dto.password);
    const role = dto.role ?? 'AGENT';
    // The verification is spent only if the user and its role's profile row (the agents or clients
    // module's write) are created: all three commit together, or none does (e.g. an email taken meanwhile).
    const created = await this.db.withTransaction(async () => {
      if (!(await this.codes.consumeVerification('SIGNUP', contact.target, tokenHash(dto.verificationToken)))) return null;
      const user = await this.credentials.createVerified({ ...contact, name: dto.name, passwordHash, role });
      await this.users.createRoleProfile(role, user.id);
      return user;
    });
    if (!created) throw notVerified();
    return this.signedIn({ id: created.id, role: created.role, status: created.status });
  }

  async login(dto: LoginDto): Promise<AuthResultDto> {
    if (dto.verificationToken !== undefined) return this.loginWithCode(dto);
    const identifier: LoginIdentifier = dto.email ? { email: dto.email } : dto.phone ? { phone: dto.phone } : { username: dto.username ?? '' };
    const account = await this.credentials.findForLogin(identifier);
    // Always one bcrypt comparison (against a dummy hash for unknown users) so timing reveals nothing.
    const passwordOk = await this.hasher.matches(dto.password ?? '', account?.passwordHash);
    if (!account) throw invalidCredentials();
    const locked = account.lockedUntil !== null && account.lockedUntil > new Date();
    if (!passwordOk) {
      if (!locked) await this.credentials.recordFailedLogin(account.id, LOGIN_LOCKOUT);
      throw invalidCredentials();
    }
    if (locked || (account.status !== 'ACTIVE' && account.status !== 'PENDING')) throw invalidCredentials();
    if (account.failedLoginCount > 0 || account.lockedUntil) await this.credentials.clearFailedLogins(account.id);
    return this.signedIn({ id: account.id, role: account.role, status: account.status });
  }

  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    const contact = contactOf(dto);
    const owner = await this.credentials.findOwnerContact(contact.channel, contact.target);
    assertStrongPassword(dto.newPassword, owner ?? { email: dto.email, phone: dto.phone }, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);
    // Verification spent, new hash and every refresh token revoked: together or not at all.
    const userId = await this.db.withTransaction(async () => {
      const id = await this.users.findActiveIdByContact(contact.channel, contact.target);
      if (!id || !(await this.codes.consumeVerification('PASSWORD_RESET', contact.target, tokenHash(dto.verificationToken)))) return null;
      const now = new Date();
      await this.credentials.setResetPassword(id, contact.channel, passwordHash, now);
      await this.sessions.revokeAll(id, now);
      return id;
    });
    if (!userId) throw notVerified();
    this.realtime.disconnectUser(userId, 'password_changed');
  }

  private async loginWithCode(dto: LoginDto): Promise<AuthResultDto> {
    if (!dto.email && !dto.phone) {
      throw badRequest('VALIDATION_FAILED', 'A code login needs the email or phone the code was sent to', [
        { field: 'username', message: 'use email or phone with verificationToken' },
      ]);
    }
    const contact = contactOf(dto);
    // The verification is spent only together with the account's update.
    const user = await this.db.withTransaction(async () => {
      const id = await this.users.findActiveIdByContact(contact.channel, contact.target);
      if (!id || !(await this.codes.consumeVerification('LOGIN', contact.target, tokenHash(dto.verificationToken ?? '')))) return null;
      return this.credentials.markContactVerified(id, contact.channel);
    });
    if (!user) throw invalidCredentials();
    return this.signedIn(user);
  }

  private async signedIn(user: AuthUser): Promise<AuthResultDto> {
    const [tokens, profile, registrationStatus] = await Promise.all([this.sessions.start(user), this.users.getProfile(user.id), this.registrationStatus(user)]);
    return { ...tokens, user: profile, registrationStatus };
  }

  /** Agents only. The agents module registers the full resolver; until then, what auth itself knows. */
  private async registrationStatus(user: AuthUser): Promise<RegistrationStatusDto | null> {
    if (user.role !== 'AGENT') return null;
    return this.onboarding.status(user.id, async () => {
      const verification = await this.credentials.findContactVerification(user.id);
      const nextStep: OnboardingStep = verification?.emailVerifiedAt || verification?.phoneVerifiedAt ? 'COMPLETE_PROFILE' : 'VERIFY_CONTACT';
      return { nextStep, missingFields: [] };
    });
  }
}
