import type { DeliveryChannel } from '../../generated/prisma/enums.js';

/** E.164: a plus sign, a country code that does not start with 0, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

export const normalizeEmail = (value: string): string => value.trim().toLowerCase();

/** Drops the spaces, dashes, dots and brackets people type; the result must still be E.164. */
export const normalizePhone = (value: string): string => value.replace(/[\s\-().]/g, '');

/** class-transformer helpers: normalise strings, leave anything else for the validators to refuse. */
export const toEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value);
export const toPhone = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizePhone(value) : value);

export interface Contact {
  channel: DeliveryChannel;
  /** normalised email or E.164 phone */
  target: string;
}

/** The one contact a request names (DTO validation already ensures exactly one of email/phone). */
export function contactOf(input: { email?: string; phone?: string }): Contact {
  if (input.email) return { channel: 'EMAIL', target: input.email };
  if (input.phone) return { channel: 'SMS', target: input.phone };
  throw new Error('contactOf needs an email or a phone');
}
