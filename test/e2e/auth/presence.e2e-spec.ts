import { createHmac } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app.js';
import type { Socket } from 'socket.io-client';
import { eventually } from '../../support/eventually.js';
import { nextEvent, nextMatching } from '../../support/socket.js';

interface PresenceChange {
  userId: string;
  name: string;
  role: string;
  isOnline: boolean;
  lastSeenAt: string;
}

describe('Socket.IO: handshake and presence', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The next `users:online` change about `userId` (changes about other users are skipped). */
  const presenceOf = (socket: Socket, userId: string, ms = 3_000) =>
    nextMatching<PresenceChange>(socket, 'users:online', (change) => change.userId === userId, ms);
  const hearsAbout = (socket: Socket, userId: string, ms = 500) =>
    presenceOf(socket, userId, ms).then(
      () => true,
      () => false,
    );

  it('refuses a handshake without a token, with a forged or expired token, or of a deleted user', async () => {
    await expect(t.socket(undefined)).rejects.toThrow(/Unauthorized/);
    await expect(t.socket('not-a-jwt')).rejects.toThrow(/Unauthorized/);
    const { user, token } = await t.createUser();
    const now = Math.floor(Date.now() / 1000);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user.id, role: 'AGENT', status: 'ACTIVE', typ: 'access', iat: now - 100, exp: now - 1 })}`;
    const expired = `${unsigned}.${createHmac('sha256', 'test-secret-that-is-long-enough-for-hs256-0123456789').update(unsigned).digest('base64url')}`;
    await expect(t.socket(expired)).rejects.toThrow(/Unauthorized/);
    await expect(t.socket(`${b64({ alg: 'none' })}.${b64({ sub: user.id, typ: 'access', exp: now + 100 })}.`)).rejects.toThrow(/Unauthorized/);
    await t.prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    await expect(t.socket(token)).rejects.toThrow(/Unauthorized/);
  });

  it('announces a user online to staff once, however many sockets they open, and offline when the last closes', async () => {
    const admin = await t.createUser({ role: 'ADMIN' });
    const customer = await t.createUser({ role: 'CUSTOMER', name: 'Cora Online' });
    const watcher = await t.socket(admin.token);
    const bystander = await t.socket((await t.createUser({ role: 'AGENT' })).token);

    const online = presenceOf(watcher, customer.user.id);
    const bystanderHears = hearsAbout(bystander, customer.user.id, 600);
    const first = await t.socket(customer.token);
    expect(await online).toMatchObject({ userId: customer.user.id, name: 'Cora Online', role: 'CUSTOMER', isOnline: true });
    expect(await bystanderHears).toBe(false);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } })).isOnline).toBe(true);

    const listed = await t.http().get('/api/v1/users/online').set(admin.auth).expect(200);
    expect(listed.body.data.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: customer.user.id, name: 'Cora Online', role: 'CUSTOMER' })]),
    );

    const silentOnSecond = hearsAbout(watcher, customer.user.id);
    const second = await t.socket(customer.token);
    expect(await silentOnSecond).toBe(false);

    const silentOnFirstClose = hearsAbout(watcher, customer.user.id);
    first.disconnect();
    expect(await silentOnFirstClose).toBe(false);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } })).isOnline).toBe(true);

    const offline = presenceOf(watcher, customer.user.id);
    second.disconnect();
    const change = await offline;
    expect(change).toMatchObject({ userId: customer.user.id, isOnline: false });
    const row = await eventually(async () => {
      const stored = await t.prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } });
      expect(stored.isOnline).toBe(false);
      return stored;
    });
    expect(row.lastSeenAt?.toISOString()).toBe(change.lastSeenAt);
    const after = await t.http().get('/api/v1/users/online').set(admin.auth).expect(200);
    expect(after.body.data.items.map((item: { userId: string }) => item.userId)).not.toContain(customer.user.id);
  });

  it('joins a user to their own room and their role room', async () => {
    const support = await t.createUser({ role: 'SUPPORT_AGENT' });
    const socket = await t.socket(support.token);
    const { RealtimeService } = await import('../../../src/infra/realtime/realtime.service.js');
    const realtime = t.app.get(RealtimeService);
    const direct = { id: 'd1', senderId: 's1', recipientId: support.user.id, content: 'hello', readAt: null, createdAt: new Date(0).toISOString() };
    const toUser = nextEvent(socket, 'message:direct');
    realtime.toUser(support.user.id, 'message:direct', direct);
    expect(await toUser).toEqual(direct);
    const toRole = nextEvent(socket, 'query:viewers');
    realtime.toRoles(['SUPPORT_AGENT'], 'query:viewers', { queryId: 'q1', viewers: [] });
    expect(await toRole).toEqual({ queryId: 'q1', viewers: [] });
  });
});
