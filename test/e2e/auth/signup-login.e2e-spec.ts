import { createHmac } from 'node:crypto';
import { OnboardingRegistry } from '../../../src/common/auth/onboarding.js';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { freshIp, signUp, STRONG_PASSWORD, uniqueEmail, uniquePhone, verifiedToken } from './auth-helpers.js';

describe('Auth: signup, login, tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body: object) => t.http().post(`/api/v1${path}`).set(freshIp()).send(body);
  const login = (body: object) => post('/auth/login', body);

  it('runs signup → login → me → refresh → logout end to end', async () => {
    const email = uniqueEmail('flow');
    const signup = await signUp(t, { email }, { name: 'Flow Person' });
    expect(signup.user).toMatchObject({ email, role: 'AGENT', status: 'ACTIVE', emailVerified: true, phoneVerified: false, name: 'Flow Person' });
    expect(signup.registrationStatus).toEqual({
      nextStep: 'COMPLETE_PROFILE',
      missingFields: ['dateOfBirth', 'addressLine', 'city', 'country', 'photo', 'qualifications'],
    });
    expect(JSON.stringify(signup)).not.toMatch(/passwordHash|\$2[aby]\$/);
    expect(await t.prisma.agentProfile.count({ where: { userId: signup.user.id } })).toBe(1);

    const loggedIn = await login({ email: email.toUpperCase(), password: STRONG_PASSWORD }).expect(200);
    const session = loggedIn.body.data;
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: signup.user.id }, registrationStatus: { nextStep: 'COMPLETE_PROFILE' } });
    const [, payload] = session.token.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ sub: signup.user.id, role: 'AGENT', status: 'ACTIVE' });

    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${session.token}`).expect(200);
    expect(me.body.data).toMatchObject({ id: signup.user.id, email });

    const refreshed = await post('/auth/refresh', { refreshToken: session.refreshToken }).expect(200);
    expect(refreshed.body.data.refreshToken).not.toBe(session.refreshToken);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.data.token}`).expect(200);

    await post('/auth/logout', { refreshToken: refreshed.body.data.refreshToken }).expect(204);
    const afterLogout = await post('/auth/refresh', { refreshToken: refreshed.body.data.refreshToken }).expect(401);
    expect(afterLogout.body.error).toBe('INVALID_REFRESH_TOKEN');
    expect(await t.prisma.refreshToken.count({ where: { userId: signup.user.id, tokenHash: session.refreshToken } })).toBe(0);
  });

  it('signs up by phone as CLIENT (client profile) and as CUSTOMER (no profile)', async () => {
    const phone = uniquePhone();
    const client = await signUp(t, { phone }, { role: 'CLIENT' });
    expect(client.user).toMatchObject({ phone, email: null, role: 'CLIENT', phoneVerified: true });
    expect(client.registrationStatus).toBeNull();
    expect(await t.prisma.clientProfile.count({ where: { userId: client.user.id } })).toBe(1);

    const customer = await signUp(t, { email: uniqueEmail() }, { role: 'CUSTOMER' });
    expect(customer.user.role).toBe('CUSTOMER');
    expect(await t.prisma.agentProfile.count({ where: { userId: customer.user.id } })).toBe(0);
    expect(await t.prisma.clientProfile.count({ where: { userId: customer.user.id } })).toBe(0);

    await login({ phone, password: STRONG_PASSWORD }).expect(200);
  });

  it('refuses signup without a valid verification for that email and purpose', async () => {
    const email = uniqueEmail();
    const base = { email, name: 'X', password: STRONG_PASSWORD };
    const fake = await post('/auth/signup', { ...base, verificationToken: 'A'.repeat(43) }).expect(400);
    expect(fake.body.error).toBe('OTP_NOT_VERIFIED');
    await post('/auth/signup', base).expect(400);

    const forOther = await verifiedToken(t, { email: uniqueEmail() }, 'SIGNUP');
    expect((await post('/auth/signup', { ...base, verificationToken: forOther }).expect(400)).body.error).toBe('OTP_NOT_VERIFIED');

    const { user } = await t.createUser({ role: 'CUSTOMER' });
    const loginPurpose = await verifiedToken(t, { email: user.email as string }, 'LOGIN');
    expect(
      (await post('/auth/signup', { email: user.email, name: 'X', password: STRONG_PASSWORD, verificationToken: loginPurpose }).expect(400)).body.error,
    ).toBe('OTP_NOT_VERIFIED');

    const old = await verifiedToken(t, { email }, 'SIGNUP');
    await t.prisma.otpCode.updateMany({ where: { target: email }, data: { verifiedAt: new Date(Date.now() - 31 * 60_000) } });
    expect((await post('/auth/signup', { ...base, verificationToken: old }).expect(400)).body.error).toBe('OTP_NOT_VERIFIED');
  });

  it('refuses weak passwords without spending the verification', async () => {
    const email = uniqueEmail('weakling');
    const verificationToken = await verifiedToken(t, { email }, 'SIGNUP');
    for (const password of ['short1!', 'Password123!', 'qwertyuiop', `${email}`, `My-${email.split('@')[0]}-Pass`]) {
      const res = await post('/auth/signup', { email, verificationToken, name: 'W', password }).expect(400);
      expect(res.body).toMatchObject({ success: false, error: 'WEAK_PASSWORD', details: [expect.objectContaining({ field: 'password' })] });
    }
    await post('/auth/signup', { email, verificationToken, name: 'W', password: STRONG_PASSWORD }).expect(201);
  });

  it('refuses a role escalation or mass assignment at signup', async () => {
    const email = uniqueEmail();
    const verificationToken = await verifiedToken(t, { email }, 'SIGNUP');
    const base = { email, verificationToken, name: 'Sneaky', password: STRONG_PASSWORD };
    for (const extra of [
      { role: 'ADMIN' },
      { role: 'SUPER_ADMIN' },
      { status: 'ACTIVE' },
      { emailVerifiedAt: new Date().toISOString() },
      { passwordHash: 'x' },
    ]) {
      const res = await post('/auth/signup', { ...base, ...extra }).expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
    expect(await t.prisma.user.count({ where: { email } })).toBe(0);
  });

  it('answers 409 for an email or phone that already has an account, and rolls the verification back', async () => {
    const email = uniqueEmail();
    const verificationToken = await verifiedToken(t, { email }, 'SIGNUP');
    await t.createUser({ email });
    const dup = await post('/auth/signup', { email, verificationToken, name: 'Dup', password: STRONG_PASSWORD }).expect(409);
    expect(dup.body.success).toBe(false);
    expect(await t.prisma.otpCode.count({ where: { target: email, usedAt: { not: null } } })).toBe(0);

    const phone = uniquePhone();
    const phoneToken = await verifiedToken(t, { phone }, 'SIGNUP');
    await t.createUser({ phone });
    await post('/auth/signup', { phone, verificationToken: phoneToken, name: 'Dup', password: STRONG_PASSWORD }).expect(409);
  });

  it('lets one verification create one account, even with concurrent signups', async () => {
    const email = uniqueEmail();
    const verificationToken = await verifiedToken(t, { email }, 'SIGNUP');
    const body = { email, verificationToken, name: 'Racer', password: STRONG_PASSWORD };
    const results = await Promise.all([post('/auth/signup', body), post('/auth/signup', body)]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 400]);
    expect(await t.prisma.user.count({ where: { email } })).toBe(1);
  });

  it('logs in by email, phone or username and gives one answer for every failure', async () => {
    const phone = uniquePhone();
    const { user, password } = await t.createUser({ role: 'CUSTOMER', phone });
    await t.prisma.user.update({ where: { id: user.id }, data: { username: 'cora42' } });
    await login({ email: user.email, password }).expect(200);
    await login({ phone, password }).expect(200);
    await login({ username: 'CORA42', password }).expect(200);

    const suspended = await t.createUser({ status: 'SUSPENDED' });
    const deleted = await t.createUser();
    await t.prisma.user.update({ where: { id: deleted.user.id }, data: { deletedAt: new Date() } });
    const failures = await Promise.all([
      login({ email: user.email, password: 'Wrong-Password-123' }),
      login({ email: uniqueEmail('ghost'), password }),
      login({ username: 'nobody-here', password }),
      login({ email: suspended.user.email, password: suspended.password }),
      login({ email: deleted.user.email, password: deleted.password }),
    ]);
    for (const res of failures) {
      expect(res.status).toBe(401);
      expect({ error: res.body.error, message: res.body.message }).toEqual({ error: 'INVALID_CREDENTIALS', message: 'The sign-in details are not correct' });
    }
  });

  it('refuses malformed login bodies with 400', async () => {
    for (const body of [
      { password: 'x' },
      { email: 'a@b.cx', phone: '+919876543210', password: 'x' },
      { email: 'a@b.cx' },
      { email: 'a@b.cx', password: 'x', role: 'ADMIN' },
      { email: 'a@b.cx', password: 123 },
    ]) {
      const res = await login(body).expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
  });

  it('locks an account after five failures, with a growing lock', async () => {
    const { user, password } = await t.createUser();
    for (let i = 0; i < 5; i += 1) await login({ email: user.email, password: 'Not-The-Password-1' }).expect(401);
    const locked = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.failedLoginCount).toBe(5);
    const firstLock = (locked.lockedUntil as Date).getTime() - Date.now();
    expect(firstLock).toBeGreaterThan(50_000);
    expect(firstLock).toBeLessThanOrEqual(61_000);
    // Even the right password is refused while locked, with the same answer.
    expect((await login({ email: user.email, password }).expect(401)).body.error).toBe('INVALID_CREDENTIALS');

    await t.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await login({ email: user.email, password: 'Not-The-Password-1' }).expect(401);
    const relocked = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect((relocked.lockedUntil as Date).getTime() - Date.now()).toBeGreaterThan(110_000);

    await t.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await login({ email: user.email, password }).expect(200);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
  });

  it('limits login attempts per IP', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) await t.http().post('/api/v1/auth/login').set(ip).send({ email: uniqueEmail(), password: 'whatever-123' }).expect(401);
    await t.http().post('/api/v1/auth/login').set(ip).send({ email: uniqueEmail(), password: 'whatever-123' }).expect(429);
  });

  it('logs in with a LOGIN code instead of a password, once', async () => {
    const { user } = await t.createUser({ role: 'CUSTOMER' });
    const verificationToken = await verifiedToken(t, { email: user.email as string }, 'LOGIN');
    const res = await login({ email: user.email, verificationToken }).expect(200);
    expect(res.body.data.user).toMatchObject({ id: user.id, emailVerified: true });
    await login({ email: user.email, verificationToken }).expect(401);
    await login({ email: user.email, verificationToken, password: 'x' }).expect(400);
  });

  it('reports the next onboarding step for agents, from the registered resolver when there is one', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    const first = await login({ email: agent.user.email, password: agent.password }).expect(200);
    expect(first.body.data.registrationStatus).toMatchObject({ nextStep: 'VERIFY_CONTACT' });
    const support = await t.createUser({ role: 'SUPPORT_AGENT' });
    expect((await login({ email: support.user.email, password: support.password }).expect(200)).body.data.registrationStatus).toBeNull();

    t.app.get(OnboardingRegistry).register(async () => ({ nextStep: 'KYC', missingFields: [] }));
    const second = await login({ email: agent.user.email, password: agent.password }).expect(200);
    expect(second.body.data.registrationStatus).toEqual({ nextStep: 'KYC', missingFields: [] });
  });

  describe('tokens', () => {
    const me = (token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const sign = (header: object, claims: object, secret: string) => {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };

    it('refuses a missing token, alg none, a wrong signature and an expired token', async () => {
      const { user } = await t.createUser();
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: user.id, role: 'SUPER_ADMIN', status: 'ACTIVE', typ: 'access', iat: now, exp: now + 600 };
      await t.http().get('/api/v1/auth/me').expect(401);
      await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`).expect(401);
      await me(sign({ alg: 'HS256', typ: 'JWT' }, claims, 'not-the-server-secret-not-the-server-secret')).expect(401);
      const secret = 'test-secret-that-is-long-enough-for-hs256-0123456789';
      await me(sign({ alg: 'HS256', typ: 'JWT' }, claims, secret)).expect(200);
      const expired = await me(sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 1000, exp: now - 10 }, secret)).expect(401);
      expect(expired.body).toMatchObject({ success: false, error: 'UNAUTHORIZED' });
    });

    it('refuses the token of a deleted or deactivated user at once', async () => {
      const deleted = await t.createUser();
      await me(deleted.token).expect(200);
      await t.prisma.user.update({ where: { id: deleted.user.id }, data: { deletedAt: new Date() } });
      await me(deleted.token).expect(401);

      const deactivated = await t.createUser();
      const session = (await login({ email: deactivated.user.email, password: deactivated.password }).expect(200)).body.data;
      await t.prisma.user.update({ where: { id: deactivated.user.id }, data: { status: 'DEACTIVATED' } });
      await me(session.token).expect(401);
      await post('/auth/refresh', { refreshToken: session.refreshToken }).expect(401);
    });

    it('revokes the whole family when a rotated refresh token is reused', async () => {
      const { user, password } = await t.createUser();
      const first = (await login({ email: user.email, password }).expect(200)).body.data;
      const second = (await post('/auth/refresh', { refreshToken: first.refreshToken }).expect(200)).body.data;
      const reuse = await post('/auth/refresh', { refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body.error).toBe('REFRESH_TOKEN_REUSED');
      await post('/auth/refresh', { refreshToken: second.refreshToken }).expect(401);
      // Another session of the same user (another family) is untouched.
      const other = (await login({ email: user.email, password }).expect(200)).body.data;
      await post('/auth/refresh', { refreshToken: other.refreshToken }).expect(200);
      const stored = await t.prisma.refreshToken.findMany({ where: { userId: user.id } });
      expect(stored.every((row) => row.tokenHash !== first.refreshToken && /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
    });

    it('lets only one of two concurrent refreshes with the same token win', async () => {
      const { user, password } = await t.createUser();
      const session = (await login({ email: user.email, password }).expect(200)).body.data;
      const results = await Promise.all([
        post('/auth/refresh', { refreshToken: session.refreshToken }),
        post('/auth/refresh', { refreshToken: session.refreshToken }),
      ]);
      expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
    });

    it('refuses unknown, expired and malformed refresh tokens', async () => {
      await post('/auth/refresh', { refreshToken: 'unknown-token' }).expect(401);
      await post('/auth/refresh', {}).expect(400);
      await post('/auth/logout', { refreshToken: 'unknown-token' }).expect(204);
      const { user, password } = await t.createUser();
      const session = (await login({ email: user.email, password }).expect(200)).body.data;
      await t.prisma.refreshToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await post('/auth/refresh', { refreshToken: session.refreshToken }).expect(401);
    });
  });

  it('documents every auth route with its body and response in Swagger', async () => {
    const spec = (await t.http().get('/docs-json').expect(200)).body;
    for (const [path, method] of [
      ['/api/v1/otp/generate', 'post'],
      ['/api/v1/otp/verify', 'post'],
      ['/api/v1/auth/signup', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/refresh', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/auth/password/reset', 'post'],
    ]) {
      const operation = spec.paths[path]?.[method];
      expect(operation?.requestBody).toBeDefined();
      expect(operation?.summary).toBeTruthy();
    }
    expect(spec.components.schemas.AuthResultDto.properties).toHaveProperty('registrationStatus');
    expect(spec.components.schemas.UserDto.properties).not.toHaveProperty('passwordHash');
  });
});
