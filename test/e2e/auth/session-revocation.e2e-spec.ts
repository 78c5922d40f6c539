import { DomainEvents } from '../../../src/common/events/domain-events.js';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { changePassword, freshIp, STRONG_PASSWORD } from './auth-helpers.js';

describe('Ending sessions at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses access tokens issued before a password change', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await t.http().get('/api/v1/users/me').set(agent.auth).expect(200);
    // Tokens carry whole seconds: wait for the next one so the old token is strictly older.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await changePassword(t, agent).expect(204);
    await t.http().get('/api/v1/users/me').set(agent.auth).expect(401);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const login = await t.http().post('/api/v1/auth/login').set(freshIp()).send({ email: agent.user.email, password: STRONG_PASSWORD }).expect(200);
    await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${login.body.data.token}`).expect(200);
  });

  it('disconnects the open sockets of a user an admin deactivates', async () => {
    const admin = await t.createUser({ role: 'SUPER_ADMIN' });
    const agent = await t.createUser({ role: 'AGENT' });
    const socket = await t.socket(agent.token);
    const disconnected = nextEvent(socket, 'disconnect', 3_000);
    await t.http().patch(`/api/v1/users/${agent.user.id}`).set(admin.auth).send({ status: 'SUSPENDED' }).expect(200);
    await expect(disconnected).resolves.toBe('io server disconnect');
    await expect(t.socket(agent.token)).rejects.toThrow('Unauthorized');
  });

  it('forgets a push token that FCM reported dead, but not a newer one', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await t.prisma.user.update({ where: { id: agent.user.id }, data: { fcmToken: 'dead-token' } });
    const events = t.app.get(DomainEvents);
    await events.emit('push.token-invalid', { userId: agent.user.id, token: 'other-token' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: agent.user.id } })).fcmToken).toBe('dead-token');
    await events.emit('push.token-invalid', { userId: agent.user.id, token: 'dead-token' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: agent.user.id } })).fcmToken).toBeNull();
  });
});
