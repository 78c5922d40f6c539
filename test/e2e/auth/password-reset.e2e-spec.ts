import { createTestApp, TestApp } from '../../support/test-app.js';
import { outboxStaysEmpty } from '../../support/outbox.js';
import { freshIp, signUp, STRONG_PASSWORD, uniqueEmail, uniquePhone, verifiedToken } from './auth-helpers.js';

const NEW_PASSWORD = 'Brand-New-Lantern-88';

describe('Auth: password reset', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body: object) => t.http().post(`/api/v1${path}`).set(freshIp()).send(body);

  it('resets the password with a PASSWORD_RESET code and signs out every session', async () => {
    const email = uniqueEmail('reset');
    await signUp(t, { email });
    const sessionA = (await post('/auth/login', { email, password: STRONG_PASSWORD }).expect(200)).body.data;
    const sessionB = (await post('/auth/login', { email, password: STRONG_PASSWORD }).expect(200)).body.data;

    const verificationToken = await verifiedToken(t, { email }, 'PASSWORD_RESET');
    await post('/auth/password/reset', { email, verificationToken, newPassword: NEW_PASSWORD }).expect(204);

    await post('/auth/refresh', { refreshToken: sessionA.refreshToken }).expect(401);
    await post('/auth/refresh', { refreshToken: sessionB.refreshToken }).expect(401);
    await post('/auth/login', { email, password: STRONG_PASSWORD }).expect(401);
    await post('/auth/login', { email, password: NEW_PASSWORD }).expect(200);

    // The verification is spent.
    await post('/auth/password/reset', { email, verificationToken, newPassword: 'Yet-Another-Lantern-99' }).expect(400);
  });

  it('changes nothing, and leaves the verification usable, when a step of the reset fails', async () => {
    const email = uniqueEmail('resetfail');
    const { user } = await signUp(t, { email });
    const verificationToken = await verifiedToken(t, { email }, 'PASSWORD_RESET');
    // Revoking this user's refresh tokens (the reset's last write) fails, after the verification was
    // spent and the new hash written: both must roll back with it.
    await t.prisma.$executeRawUnsafe(
      `CREATE FUNCTION refuse_revocation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'revocation refused'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_revocation BEFORE UPDATE ON refresh_tokens FOR EACH ROW WHEN (OLD.user_id = '${user.id}') EXECUTE FUNCTION refuse_revocation()`,
    );
    try {
      const failed = await post('/auth/password/reset', { email, verificationToken, newPassword: NEW_PASSWORD }).expect(500);
      expect(failed.body).toMatchObject({ success: false, error: 'INTERNAL_ERROR' });
    } finally {
      await t.prisma.$executeRawUnsafe('DROP TRIGGER refuse_revocation ON refresh_tokens');
      await t.prisma.$executeRawUnsafe('DROP FUNCTION refuse_revocation()');
    }
    expect(await t.prisma.otpCode.count({ where: { target: email, purpose: 'PASSWORD_RESET', usedAt: { not: null } } })).toBe(0);
    expect(await t.prisma.refreshToken.count({ where: { userId: user.id, revokedAt: { not: null } } })).toBe(0);
    await post('/auth/login', { email, password: NEW_PASSWORD }).expect(401);
    await post('/auth/login', { email, password: STRONG_PASSWORD }).expect(200);

    // The same verification still works once the failure is gone.
    await post('/auth/password/reset', { email, verificationToken, newPassword: NEW_PASSWORD }).expect(204);
    await post('/auth/login', { email, password: NEW_PASSWORD }).expect(200);
  });

  it('works by phone and clears a lockout', async () => {
    const phone = uniquePhone();
    await signUp(t, { phone });
    for (let i = 0; i < 5; i += 1) await post('/auth/login', { phone, password: 'Wrong-Password-000' }).expect(401);
    await post('/auth/login', { phone, password: STRONG_PASSWORD }).expect(401);
    const verificationToken = await verifiedToken(t, { phone }, 'PASSWORD_RESET');
    await post('/auth/password/reset', { phone, verificationToken, newPassword: NEW_PASSWORD }).expect(204);
    await post('/auth/login', { phone, password: NEW_PASSWORD }).expect(200);
  });

  it('refuses a reset without a PASSWORD_RESET verification for that account', async () => {
    const email = uniqueEmail();
    await signUp(t, { email });
    const other = uniqueEmail();
    await signUp(t, { email: other });

    const notVerified = await post('/auth/password/reset', { email, verificationToken: 'B'.repeat(43), newPassword: NEW_PASSWORD }).expect(400);
    expect(notVerified.body.error).toBe('OTP_NOT_VERIFIED');

    const otherToken = await verifiedToken(t, { email: other }, 'PASSWORD_RESET');
    await post('/auth/password/reset', { email, verificationToken: otherToken, newPassword: NEW_PASSWORD }).expect(400);

    const loginToken = await verifiedToken(t, { email }, 'LOGIN');
    await post('/auth/password/reset', { email, verificationToken: loginToken, newPassword: NEW_PASSWORD }).expect(400);

    await post('/auth/login', { email, password: STRONG_PASSWORD }).expect(200);
  });

  it('refuses a weak new password and bad bodies with 400', async () => {
    const email = uniqueEmail('resetweak');
    await signUp(t, { email });
    const verificationToken = await verifiedToken(t, { email }, 'PASSWORD_RESET');
    const weak = await post('/auth/password/reset', { email, verificationToken, newPassword: 'password1234' }).expect(400);
    expect(weak.body).toMatchObject({ error: 'WEAK_PASSWORD', details: [expect.objectContaining({ field: 'newPassword' })] });
    for (const body of [
      { email, newPassword: NEW_PASSWORD },
      { email, verificationToken, newPassword: 42 },
      { verificationToken, newPassword: NEW_PASSWORD },
      { email, verificationToken, newPassword: NEW_PASSWORD, role: 'ADMIN' },
    ]) {
      expect((await post('/auth/password/reset', body).expect(400)).body.error).toBe('VALIDATION_FAILED');
    }
    await post('/auth/password/reset', { email, verificationToken, newPassword: NEW_PASSWORD }).expect(204);
  });

  it('sends no code for an address without an account, and answers the same', async () => {
    const email = uniqueEmail('unknown');
    const res = await post('/otp/generate', { email, type: 'PASSWORD_RESET' }).expect(202);
    expect(res.body.data.accepted).toBe(true);
    expect(await outboxStaysEmpty(t.prisma, email)).toBe(true);
  });

  it('limits resets per target', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i += 1) await post('/auth/password/reset', { email, verificationToken: 'C'.repeat(43), newPassword: NEW_PASSWORD }).expect(400);
    await post('/auth/password/reset', { email, verificationToken: 'C'.repeat(43), newPassword: NEW_PASSWORD }).expect(429);
  });
});
