import { createTestApp, TestApp } from '../../support/test-app.js';
import { outboxStaysEmpty, readOtp, waitForOutbox } from '../../support/outbox.js';
import { freshIp, requestCode, skipCooldown, uniqueEmail, uniquePhone } from './auth-helpers.js';

describe('OTP: generate and verify', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const generate = (body: object, ip = freshIp()) => t.http().post('/api/v1/otp/generate').set(ip).send(body);
  const verify = (body: object, ip = freshIp()) => t.http().post('/api/v1/otp/verify').set(ip).send(body);

  it('sends a six-digit code by email and stores only its hash', async () => {
    const email = uniqueEmail();
    const res = await generate({ email: email.toUpperCase(), type: 'SIGNUP' }).expect(202);
    expect(res.body).toEqual({ success: true, data: { accepted: true, expiresInSeconds: 600, resendAfterSeconds: 60 } });
    const code = await readOtp(t.prisma, email);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await t.prisma.otpCode.findMany({ where: { target: email } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(10 * 60_000);
  });

  it('sends by SMS to a normalised phone number', async () => {
    const phone = uniquePhone();
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 8)}-${phone.slice(8)}`;
    await generate({ phone: spaced, type: 'SIGNUP' }).expect(202);
    const message = await waitForOutbox(t.prisma, phone);
    expect(message.channel).toBe('SMS');
    expect(message.body).toMatch(/\b\d{6}\b/);
  });

  it('gives the same answer whether or not an account exists, and sends codes only where they make sense', async () => {
    const { user } = await t.createUser({ role: 'CUSTOMER' });
    const email = user.email as string;
    const stranger = uniqueEmail('nobody');

    const forAccount = await generate({ email, type: 'PASSWORD_RESET' }).expect(202);
    const forNobody = await generate({ email: stranger, type: 'PASSWORD_RESET' }).expect(202);
    expect(forNobody.body).toEqual(forAccount.body);
    expect(await readOtp(t.prisma, email)).toMatch(/^\d{6}$/);
    expect(await outboxStaysEmpty(t.prisma, stranger)).toBe(true);

    // SIGNUP for an address that has an account: the owner is told, no code is sent.
    await skipCooldown(t, email);
    const beforeSignup = new Date();
    const signupForAccount = await generate({ email, type: 'SIGNUP' }).expect(202);
    expect(signupForAccount.body).toEqual(forAccount.body);
    const notice = await waitForOutbox(t.prisma, email, { after: beforeSignup });
    expect(notice.subject).toBe('You already have an account');
    expect(notice.body).not.toMatch(/\b\d{6}\b/);

    // The cooldown answers alike for both, so it reveals nothing either.
    const again = await generate({ email, type: 'SIGNUP' }).expect(429);
    const againNobody = await generate({ email: stranger, type: 'PASSWORD_RESET' }).expect(429);
    expect(again.body.error).toBe('OTP_RATE_LIMITED');
    expect(againNobody.body.error).toBe('OTP_RATE_LIMITED');
  });

  it('refuses bad input with 400 in the envelope', async () => {
    const cases: object[] = [
      { type: 'SIGNUP' },
      { email: uniqueEmail(), phone: uniquePhone(), type: 'SIGNUP' },
      { email: 'not-an-email', type: 'SIGNUP' },
      { phone: '12345', type: 'SIGNUP' },
      { email: uniqueEmail(), type: 'SOMETHING' },
      { email: uniqueEmail() },
      { email: uniqueEmail(), type: 'SIGNUP', role: 'ADMIN' },
    ];
    for (const body of cases) {
      const res = await generate(body).expect(400);
      expect(res.body).toMatchObject({ success: false, statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(res.body.details.length).toBeGreaterThan(0);
    }
    const badVerify = await verify({ email: uniqueEmail(), type: 'SIGNUP', code: '12ab56' }).expect(400);
    expect(badVerify.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const malformed = await t.http().post('/api/v1/otp/verify').set(freshIp()).set('content-type', 'application/json').send('{"email":').expect(400);
    expect(malformed.body).toMatchObject({ success: false, statusCode: 400 });
  });

  it('verifies the right code once and returns a verification token', async () => {
    const email = uniqueEmail();
    const code = await requestCode(t, { email }, 'SIGNUP');
    const ok = await verify({ email, type: 'SIGNUP', code }).expect(200);
    expect(ok.body.data).toEqual({ verified: true, verificationToken: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String) });
    const reused = await verify({ email, type: 'SIGNUP', code }).expect(400);
    expect(reused.body.error).toBe('OTP_INVALID');
  });

  it('refuses a wrong code, an expired code, a code of another purpose and a code for another target', async () => {
    const email = uniqueEmail();
    const other = uniqueEmail();
    const code = await requestCode(t, { email }, 'SIGNUP');
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await verify({ email, type: 'SIGNUP', code: wrong }).expect(400)).body.error).toBe('OTP_INVALID');
    expect((await verify({ email: other, type: 'SIGNUP', code }).expect(400)).body.error).toBe('OTP_INVALID');
    expect((await verify({ email, type: 'LOGIN', code }).expect(400)).body.error).toBe('OTP_INVALID');

    await t.prisma.otpCode.updateMany({ where: { target: email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await verify({ email, type: 'SIGNUP', code }).expect(400)).body.error).toBe('OTP_INVALID');
  });

  it('kills the code after five wrong tries: the sixth guess fails even when right', async () => {
    const email = uniqueEmail();
    const code = await requestCode(t, { email }, 'SIGNUP');
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i += 1) await verify({ email, type: 'SIGNUP', code: wrong }).expect(400);
    await verify({ email, type: 'SIGNUP', code }).expect(400);
  });

  it('counts concurrent guesses: a burst of wrong guesses cannot exceed five tries', async () => {
    const email = uniqueEmail();
    const code = await requestCode(t, { email }, 'SIGNUP');
    const wrong = code === '123123' ? '321321' : '123123';
    const results = await Promise.all(Array.from({ length: 9 }, () => verify({ email, type: 'SIGNUP', code: wrong })));
    expect(results.every((res) => res.status === 400)).toBe(true);
    const row = await t.prisma.otpCode.findFirstOrThrow({ where: { target: email } });
    expect(row.attempts).toBe(5);
    await verify({ email, type: 'SIGNUP', code }).expect(400);
  });

  it('lets only one of two concurrent correct verifications win', async () => {
    const email = uniqueEmail();
    const code = await requestCode(t, { email }, 'SIGNUP');
    const results = await Promise.all([verify({ email, type: 'SIGNUP', code }), verify({ email, type: 'SIGNUP', code })]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 400]);
  });

  it('a new code replaces the old one', async () => {
    const email = uniqueEmail();
    const first = await requestCode(t, { email }, 'SIGNUP');
    await skipCooldown(t, email);
    const second = await requestCode(t, { email }, 'SIGNUP');
    if (first !== second) await verify({ email, type: 'SIGNUP', code: first }).expect(400);
    await verify({ email, type: 'SIGNUP', code: second }).expect(200);
  });

  it('enforces the resend cooldown and the hourly cap per target', async () => {
    const email = uniqueEmail();
    await generate({ email, type: 'SIGNUP' }).expect(202);
    const cooled = await generate({ email, type: 'SIGNUP' }).expect(429);
    expect(cooled.body.details[0].retryAfterSeconds).toBeGreaterThan(0);
    for (let i = 0; i < 4; i += 1) {
      await skipCooldown(t, email);
      await generate({ email, type: i % 2 ? 'LOGIN' : 'SIGNUP' }).expect(202);
    }
    await skipCooldown(t, email);
    const capped = await generate({ email, type: 'PASSWORD_RESET' }).expect(429);
    expect(capped.body.error).toBe('OTP_RATE_LIMITED');
  });

  it('lets one request in at a time per target: concurrent requests get one code', async () => {
    const email = uniqueEmail();
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 4 }, () => generate({ email, type: 'SIGNUP' }, ip)));
    expect(results.map((res) => res.status).sort()).toEqual([202, 429, 429, 429]);
    expect(await t.prisma.otpCode.count({ where: { target: email } })).toBe(1);
  });

  it('limits code requests per IP and verifications per target', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) await generate({ email: uniqueEmail(), type: 'SIGNUP' }, ip).expect(202);
    const limited = await generate({ email: uniqueEmail(), type: 'SIGNUP' }, ip).expect(429);
    expect(limited.body).toMatchObject({ success: false, statusCode: 429 });

    const email = uniqueEmail();
    for (let i = 0; i < 10; i += 1) await verify({ email, type: 'SIGNUP', code: '000000' }).expect(400);
    await verify({ email, type: 'SIGNUP', code: '000000' }).expect(429);
  });
});
