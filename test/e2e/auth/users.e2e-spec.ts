import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { freshIp, STRONG_PASSWORD, uniqueEmail } from './auth-helpers.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('Users: own account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1${path}`;

  it('reads and updates your own account, never another field', async () => {
    const { user, auth } = await t.createUser({ role: 'CUSTOMER', phone: '+919800000001' });
    await t.prisma.user.update({ where: { id: user.id }, data: { phoneVerifiedAt: new Date() } });
    const me = await t.http().get(api('/users/me')).set(auth).expect(200);
    expect(me.body.data).toMatchObject({
      id: user.id,
      role: 'CUSTOMER',
      phoneVerified: true,
      chatPreferences: { tone: 'formal', responseLength: 'detailed', customInstructions: null },
    });
    expect(Object.keys(me.body.data)).not.toEqual(expect.arrayContaining(['passwordHash']));
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|failedLoginCount|fcmToken/);

    const updated = await t.http().patch(api('/users/me')).set(auth).send({ name: '  Cora C  ', phone: '+91 98000 00002', username: 'Cora.C' }).expect(200);
    expect(updated.body.data).toMatchObject({ name: 'Cora C', phone: '+919800000002', username: 'cora.c', phoneVerified: false });
  });

  it('refuses role escalation and mass assignment through PATCH /users/me', async () => {
    const { user, auth } = await t.createUser({ role: 'CUSTOMER' });
    for (const body of [
      { role: 'SUPER_ADMIN' },
      { status: 'ACTIVE' },
      { email: 'new@example.com' },
      { emailVerifiedAt: new Date().toISOString() },
      { passwordHash: 'x' },
      { name: 'ok', role: 'ADMIN' },
    ]) {
      const res = await t.http().patch(api('/users/me')).set(auth).send(body).expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.role).toBe('CUSTOMER');
    expect(row.name).not.toBe('ok');
  });

  it('refuses bad values and duplicate usernames', async () => {
    const first = await t.createUser();
    const second = await t.createUser();
    await t.http().patch(api('/users/me')).set(first.auth).send({ username: 'taken_name' }).expect(200);
    const dup = await t.http().patch(api('/users/me')).set(second.auth).send({ username: 'taken_name' }).expect(409);
    expect(dup.body.success).toBe(false);
    for (const body of [{ name: '' }, { phone: '12345' }, { username: 'no spaces allowed' }, { name: 'x'.repeat(101) }]) {
      await t.http().patch(api('/users/me')).set(second.auth).send(body).expect(400);
    }
    await t.http().patch(api('/users/me')).send({ name: 'anon' }).expect(401);
  });

  it('changes the password with the current one and signs out other sessions', async () => {
    const { user, auth, password } = await t.createUser();
    const session = (await t.http().post(api('/auth/login')).set(freshIp()).send({ email: user.email, password }).expect(200)).body.data;

    const wrong = await t
      .http()
      .patch(api('/users/me/password'))
      .set(auth)
      .send({ currentPassword: 'not-it-at-all', newPassword: STRONG_PASSWORD })
      .expect(400);
    expect(wrong.body.error).toBe('INVALID_CURRENT_PASSWORD');
    const weak = await t.http().patch(api('/users/me/password')).set(auth).send({ currentPassword: password, newPassword: 'password12' }).expect(400);
    expect(weak.body.error).toBe('WEAK_PASSWORD');
    await t.http().patch(api('/users/me/password')).set(auth).send({ currentPassword: password }).expect(400);

    await t.http().patch(api('/users/me/password')).set(auth).send({ currentPassword: password, newPassword: STRONG_PASSWORD }).expect(204);
    await t.http().post(api('/auth/refresh')).set(freshIp()).send({ refreshToken: session.refreshToken }).expect(401);
    await t.http().post(api('/auth/login')).set(freshIp()).send({ email: user.email, password }).expect(401);
    await t.http().post(api('/auth/login')).set(freshIp()).send({ email: user.email, password: STRONG_PASSWORD }).expect(200);
  });

  it('stores and clears the FCM token', async () => {
    const { user, auth } = await t.createUser({ role: 'ADMIN' });
    await t.http().put(api('/users/me/fcm-token')).set(auth).send({ token: 'device-token-1' }).expect(204);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).fcmToken).toBe('device-token-1');
    await t.http().put(api('/users/me/fcm-token')).set(auth).send({ token: '' }).expect(400);
    await t.http().put(api('/users/me/fcm-token')).set(auth).send({}).expect(400);
    await t.http().delete(api('/users/me/fcm-token')).set(auth).expect(204);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).fcmToken).toBeNull();
    await t.http().put(api('/users/me/fcm-token')).send({ token: 'x' }).expect(401);
  });

  it('updates chat preferences within their limits', async () => {
    const { auth } = await t.createUser({ role: 'CUSTOMER' });
    const res = await t
      .http()
      .patch(api('/users/me/chat-preferences'))
      .set(auth)
      .send({ tone: 'casual', responseLength: 'concise', customInstructions: 'Use bullet points' })
      .expect(200);
    expect(res.body.data).toEqual({ tone: 'casual', responseLength: 'concise', customInstructions: 'Use bullet points' });
    const partial = await t.http().patch(api('/users/me/chat-preferences')).set(auth).send({ tone: 'formal' }).expect(200);
    expect(partial.body.data).toEqual({ tone: 'formal', responseLength: 'concise', customInstructions: 'Use bullet points' });
    const cleared = await t.http().patch(api('/users/me/chat-preferences')).set(auth).send({ customInstructions: '' }).expect(200);
    expect(cleared.body.data.customInstructions).toBeNull();
    for (const body of [{ tone: 'rude' }, { responseLength: 'LONG' }, { customInstructions: 'x'.repeat(501) }, { model: 'gpt' }]) {
      await t.http().patch(api('/users/me/chat-preferences')).set(auth).send(body).expect(400);
    }
  });

  describe('avatar', () => {
    let owner: TestUser;

    beforeAll(async () => {
      owner = await t.createUser();
    });

    it('stores an image checked from its bytes and serves it to signed-in users', async () => {
      const res = await t.http().put(api('/users/me/avatar')).set(owner.auth).attach('file', PNG, { filename: 'me.png', contentType: 'image/png' }).expect(200);
      expect(res.body.data.avatarUrl).toBe(`/api/v1/users/${owner.user.id}/avatar`);
      const other = await t.createUser({ role: 'CUSTOMER' });
      const image = await t.http().get(res.body.data.avatarUrl).set(other.auth).buffer(true).expect(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(image.body as Buffer, PNG)).toBe(0);
      await t.http().get(res.body.data.avatarUrl).expect(401);

      // A replacement removes the old file's key from the account.
      const firstKey = (await t.prisma.user.findUniqueOrThrow({ where: { id: owner.user.id } })).avatarKey;
      await t.http().put(api('/users/me/avatar')).set(owner.auth).attach('file', PNG, { filename: 'again.png', contentType: 'image/png' }).expect(200);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: owner.user.id } })).avatarKey).not.toBe(firstKey);
    });

    it('refuses a non-image renamed .png with 415', async () => {
      const res = await t
        .http()
        .put(api('/users/me/avatar'))
        .set(owner.auth)
        .attach('file', Buffer.from('#!/bin/sh\necho not an image\n'), { filename: 'evil.png', contentType: 'image/png' })
        .expect(415);
      expect(res.body).toMatchObject({ success: false, error: 'UNSUPPORTED_FILE_TYPE' });
    });

    it('refuses an oversized upload with 413', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 10)]);
      const res = await t.http().put(api('/users/me/avatar')).set(owner.auth).attach('file', big, { filename: 'big.png', contentType: 'image/png' });
      expect(res.status).toBe(413);
      expect(res.body.success).toBe(false);
    });

    it('refuses a request without a file with 400, and a JSON body with a 4xx', async () => {
      const res = await t.http().put(api('/users/me/avatar')).set(owner.auth).field('note', 'no file').expect(400);
      expect(res.body.success).toBe(false);
      const json = await t.http().put(api('/users/me/avatar')).set(owner.auth).send({ file: 'x' });
      expect(json.status).toBeGreaterThanOrEqual(400);
      expect(json.status).toBeLessThan(500);
      await t.http().put(api('/users/me/avatar')).attach('file', PNG, { filename: 'me.png', contentType: 'image/png' }).expect(401);
    });

    it('answers 404 for a user without avatar or an unknown user, 400 for a bad id', async () => {
      const bare = await t.createUser();
      await t
        .http()
        .get(api(`/users/${bare.user.id}/avatar`))
        .set(owner.auth)
        .expect(404);
      await t
        .http()
        .get(api(`/users/${randomUUID()}/avatar`))
        .set(owner.auth)
        .expect(404);
      await t.http().get(api('/users/not-a-uuid/avatar')).set(owner.auth).expect(400);
    });
  });

  it('GET /auth/me and /users/me agree', async () => {
    const { auth } = await t.createUser({ email: uniqueEmail('same') });
    const a = await t.http().get(api('/auth/me')).set(auth).expect(200);
    const b = await t.http().get(api('/users/me')).set(auth).expect(200);
    expect(a.body).toEqual(b.body);
  });
});
