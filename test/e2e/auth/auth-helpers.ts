import { randomUUID } from 'node:crypto';
import type { TestApp, TestUser } from '../../support/test-app.js';
import { readOtp } from '../../support/outbox.js';

export const STRONG_PASSWORD = 'Purple-Otter-Sings-77';

let ipCounter = 0;
/** A distinct client IP (the app trusts X-Forwarded-For), so per-IP route limits do not leak between tests. */
export const freshIp = () => {
  ipCounter += 1;
  return { 'X-Forwarded-For': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}` };
};

/** The user changes their password to `newPassword` (from a fresh IP); the caller checks the status. */
export const changePassword = (t: TestApp, user: TestUser, newPassword = STRONG_PASSWORD) =>
  t.http().patch('/api/v1/users/me/password').set(user.auth).set(freshIp()).send({ currentPassword: user.password, newPassword });

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
export const uniquePhone = () => `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

type Contact = { email: string } | { phone: string };
const recipientOf = (contact: Contact) => ('email' in contact ? contact.email : contact.phone);

/** Asks for a code and reads it from the dev outbox. */
export async function requestCode(t: TestApp, contact: Contact, type: 'SIGNUP' | 'LOGIN' | 'PASSWORD_RESET'): Promise<string> {
  const after = new Date(Date.now() - 1);
  await t
    .http()
    .post('/api/v1/otp/generate')
    .set(freshIp())
    .send({ ...contact, type })
    .expect(202);
  return readOtp(t.prisma, recipientOf(contact), { after });
}

/** Code → verification token. */
export async function verifiedToken(t: TestApp, contact: Contact, type: 'SIGNUP' | 'LOGIN' | 'PASSWORD_RESET'): Promise<string> {
  const code = await requestCode(t, contact, type);
  const res = await t
    .http()
    .post('/api/v1/otp/verify')
    .set(freshIp())
    .send({ ...contact, type, code })
    .expect(200);
  return res.body.data.verificationToken as string;
}

/** The whole signup flow; returns the signup answer's data. */
export async function signUp(t: TestApp, contact: Contact, extra: { role?: string; name?: string; password?: string } = {}) {
  const verificationToken = await verifiedToken(t, contact, 'SIGNUP');
  const res = await t
    .http()
    .post('/api/v1/auth/signup')
    .set(freshIp())
    .send({
      ...contact,
      verificationToken,
      name: extra.name ?? 'New Person',
      password: extra.password ?? STRONG_PASSWORD,
      ...(extra.role ? { role: extra.role } : {}),
    })
    .expect(201);
  return res.body.data as {
    token: string;
    refreshToken: string;
    user: { id: string; role: string; email: string | null };
    registrationStatus: { nextStep: string } | null;
  };
}

/** Moves a target's latest codes back in time, past the resend cooldown. */
export async function skipCooldown(t: TestApp, target: string): Promise<void> {
  await t.prisma.$executeRaw`UPDATE otp_codes SET created_at = created_at - interval '2 minutes' WHERE target = ${target}`;
}
