export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_COOLDOWN_MS = 60_000;
/** Codes per email/phone per hour, all purposes together. */
export const OTP_MAX_PER_TARGET_PER_HOUR = 5;
/** How long a verified code's verification token may be used for signup, login or a password reset. */
export const VERIFICATION_TTL_MS = 30 * 60_000;

/** Login lockout: after this many failures in a row the account locks for 1 min, then 2, 4, ... up to 1 h. */
export const LOGIN_FAILURES_BEFORE_LOCK = 5;
export const LOGIN_LOCK_BASE_SECONDS = 60;
export const LOGIN_LOCK_MAX_SECONDS = 3600;
