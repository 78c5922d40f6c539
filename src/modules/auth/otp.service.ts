import { HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { OtpPurpose } from '../../generated/prisma/enums.js';
import { AppError, badRequest } from '../../common/http/app-error.js';
import { OutgoingMail } from '../../infra/mail/outgoing-mail.js';
import { OutgoingSms } from '../../infra/sms/outgoing-sms.js';
import { Contact, contactOf, UsersService } from '../users/index.js';
import { OTP_RESEND_COOLDOWN_MS, OTP_TTL_MS, VERIFICATION_TTL_MS } from './auth.constants.js';
import { GenerateOtpDto, OtpSentDto, OtpVerifiedDto, VerifyOtpDto } from './dto/otp.dto.js';
import { alreadyRegisteredMessage, otpMessage } from './otp-messages.js';
import { OtpRepository } from './otp.repository.js';
import { generateOtpCode, generateToken, keyedHash, sameHash, tokenHash } from './secrets.js';

const invalidCode = () =>
  badRequest('OTP_INVALID', 'The code is wrong, expired or already used; ask for a new one', [{ field: 'code', message: 'code is not valid' }]);

/**
 * One-time codes. A code row is stored for every accepted request, whether or not an account exists,
 * and the message is queued after the answer (the `mail`/`sms` queues deliver it, with retries), so
 * neither the answer, its timing nor the cooldown tells a caller whether the email or phone has an account.
 */
@Injectable()
export class OtpService implements OnModuleDestroy {
  private readonly logger = new Logger(OtpService.name);
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly codes: OtpRepository,
    private readonly users: UsersService,
    private readonly mail: OutgoingMail,
    private readonly sms: OutgoingSms,
    private readonly config: AppConfig,
  ) {}

  async generate(dto: GenerateOtpDto, requestIp?: string): Promise<OtpSentDto> {
    const contact = contactOf(dto);
    const code = generateOtpCode();
    const result = await this.codes.issue({ ...contact, purpose: dto.type, codeHash: this.hashCode(code), requestIp });
    if (!result.issued) {
      throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'OTP_RATE_LIMITED', `Wait ${result.retryAfterSeconds} s before asking for another code`, [
        { field: dto.email ? 'email' : 'phone', message: 'too many codes requested', retryAfterSeconds: result.retryAfterSeconds },
      ]);
    }
    const delivery = this.deliver(contact, dto.type, code)
      .catch((error: unknown) => this.logger.error({ msg: 'OTP delivery failed', err: error, channel: contact.channel }))
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
    return { accepted: true, expiresInSeconds: OTP_TTL_MS / 1000, resendAfterSeconds: OTP_RESEND_COOLDOWN_MS / 1000 };
  }

  /** Codes already promised are still queued before the queue closes (it drains its jobs on shutdown). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.deliveries);
  }

  async verify(dto: VerifyOtpDto): Promise<OtpVerifiedDto> {
    const { target } = contactOf(dto);
    const live = await this.codes.findLive(target, dto.type);
    if (!live || !(await this.codes.claimAttempt(live.id))) throw invalidCode();
    if (!sameHash(this.hashCode(dto.code), live.codeHash)) throw invalidCode();
    const verificationToken = generateToken();
    if (!(await this.codes.markVerified(live.id, tokenHash(verificationToken)))) throw invalidCode();
    return { verified: true, verificationToken, expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS).toISOString() };
  }

  private async deliver(contact: Contact, purpose: OtpPurpose, code: string): Promise<void> {
    const accountId = await this.users.findActiveIdByContact(contact.channel, contact.target);
    let message: { subject: string; text: string } | undefined;
    if (purpose === 'SIGNUP') message = accountId ? alreadyRegisteredMessage() : otpMessage(purpose, code);
    else if (accountId) message = otpMessage(purpose, code);
    if (!message) return;
    if (contact.channel === 'EMAIL') await this.mail.send({ to: contact.target, ...message });
    else await this.sms.send({ to: contact.target, text: message.text });
  }

  private hashCode(code: string): string {
    return keyedHash(code, this.config.jwt.secret);
  }
}
