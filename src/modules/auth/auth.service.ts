import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { OnboardingRegistry, type OnboardingStep } from '../../common/auth/onboarding.js';
import { AppError, badRequest } from '../../common/http/app-error.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { contactOf, PasswordHasher, assertStrongPassword, UsersService } from '../users/index.js';
import { AuthResultDto, LoginDto, RegistrationStatusDto, ResetPasswordDto, SignupDto } from './dto/auth.dto.js';
import { CredentialsRepository, LoginIdentifier } from './credentials.repository.js';
import { tokenHash } from './secrets.js';
import { SessionsService } from './sessions.service.js';

/** One answer for every failed login: unknown account, wrong password, locked, suspended or deleted. */
const invalidCredentials = () => new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'The sign-in details are not correct');
const notVerified = () =>
  badRequest('OTP_NOT_VERIFIED', 'Verify a code for this email or phone first (POST /otp/verify)', [
    { field: 'verificationToken', message: 'verificationToken is not valid for this email or phone' },
  ]);

@Injectable()
export class AuthService {
  constructor(
    private readonly credentials: CredentialsRepository,
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
    // The user and its role's profile row (the agents or clients module's write) commit together.
    const created = await this.db.withTransaction(async () => {
      const user = await this.credentials.signup({ ...contact, verificationHash: tokenHash(dto.verificationToken), name: dto.name, passwordHash, role });
      if (user) await this.users.createRoleProfile(role, user.id);
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
      if (!locked) await this.credentials.recordFailure(account.id);
      throw invalidCredentials();
    }
    if (locked || (account.status !== 'ACTIVE' && account.status !== 'PENDING')) throw invalidCredentials();
    if (account.failedLoginCount > 0 || account.lockedUntil) await this.credentials.recordSuccess(account.id);
    return this.signedIn({ id: account.id, role: account.role, status: account.status });
  }

  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    const contact = contactOf(dto);
    const owner = await this.credentials.findOwnerContact(contact.channel, contact.target);
    assertStrongPassword(dto.newPassword, owner ?? { email: dto.email, phone: dto.phone }, 'newPassword');
    const userId = await this.credentials.resetPassword(
      contact.channel,
      contact.target,
      tokenHash(dto.verificationToken),
      await this.hasher.hash(dto.newPassword),
    );
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
    const user = await this.credentials.loginWithVerification(contact.channel, contact.target, tokenHash(dto.verificationToken ?? ''));
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
      const verification = await this.credentials.findEmailAndPhoneVerification(user.id);
      const nextStep: OnboardingStep = verification?.emailVerifiedAt || verification?.phoneVerifiedAt ? 'COMPLETE_PROFILE' : 'VERIFY_CONTACT';
      return { nextStep, missingFields: [] };
    });
  }
}
