import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const OTP_DIGITS = 6;

/** A six-digit code from the CSPRNG (every value equally likely, leading zeros kept). */
export const generateOtpCode = (): string =>
  randomInt(0, 10 ** OTP_DIGITS)
    .toString()
    .padStart(OTP_DIGITS, '0');

/** 256 random bits, URL-safe; used for refresh and verification tokens. */
export const generateToken = (): string => randomBytes(32).toString('base64url');

/**
 * Low-entropy secrets (six digits) are hashed with a server-side key, so a leaked table alone does
 * not give the codes away by brute force; high-entropy tokens only need a plain hash.
 */
export const keyedHash = (secret: string, key: string): string => createHmac('sha256', key).update(secret).digest('hex');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
