import type { OtpPurpose } from '../../generated/prisma/enums.js';
import { OTP_TTL_MS } from './auth.constants.js';

const ACTION: Readonly<Record<OtpPurpose, string>> = {
  SIGNUP: 'finish signing up',
  LOGIN: 'sign in',
  PASSWORD_RESET: 'reset your password',
};

/** The text of an OTP message (the same for email and SMS). */
export function otpMessage(purpose: OtpPurpose, code: string): { subject: string; text: string } {
  return {
    subject: `Your verification code: ${code}`,
    text: `${code} is your CX Platform code to ${ACTION[purpose]}. It expires in ${OTP_TTL_MS / 60_000} minutes. If you did not ask for it, ignore this message.`,
  };
}

/** Sent instead of a SIGNUP code when the address already has an account: the owner learns, nobody else does. */
export function alreadyRegisteredMessage(): { subject: string; text: string } {
  return {
    subject: 'You already have an account',
    text: 'Someone asked to sign up with this address, which already has a CX Platform account. Sign in, or reset your password if you forgot it. If it was not you, ignore this message.',
  };
}
