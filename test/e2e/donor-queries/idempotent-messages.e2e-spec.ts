import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

interface Query {
  id: string;
  token: string;
  auth: { Authorization: string };
}

/** Every payload of `event` a socket receives, in order. */
function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/**
 * Waits until `socket` has received the event a later request caused: events on one socket arrive in
 * the order they were emitted, so anything an earlier request emitted has arrived by then.
 */
async function drained(socket: Socket, event: string, cause: () => Promise<unknown>): Promise<void> {
  const barrier = nextEvent(socket, event);
  await cause();
  await barrier;
}

describe('Idempotency-Key on donor and direct messages', () => {
  let t: TestApp;
  let superAdmin: TestUser;

  const newQuery = async (): Promise<Query> => {
    const res = await t.http().post('/api/v1/donor-queries').send({ donor: 'Ida', donorId: 'I-1', message: 'It stops.' }).expect(201);
    const token = res.body.data.donorAccessToken as string;
    return { id: res.body.data.query.id, token, auth: { Authorization: `Bearer ${token}` } };
  };
  const acceptedQuery = async (): Promise<{ q: Query; admin: TestUser }> => {
    const q = await newQuery();
    const admin = await t.createUser({ role: 'ADMIN' });
    await t.http().patch(`/api/v1/donor-queries/${q.id}/accept`).set(admin.auth).expect(200);
    return { q, admin };
  };
  const post = (queryId: string, auth: Record<string, string>, content: string, key?: string) => {
    const req = t.http().post(`/api/v1/donor-queries/${queryId}/messages`).set(auth);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send({ content });
  };
  const rowsWithKey = (queryId: string, key: string) => t.prisma.donorMessage.count({ where: { queryId, idempotencyKey: key } });
  const rowsWithContent = (queryId: string, content: string) => t.prisma.donorMessage.count({ where: { queryId, content } });

  beforeAll(async () => {
    t = await createTestApp({ DONOR_REMINDER_SCAN_MS: '0' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
  });
  afterAll(() => t.close());

  describe('donor messages', () => {
    it("a donor's retried POST returns the first message, writes one row, emits and notifies once", async () => {
      const { q, admin } = await acceptedQuery();
      const adminSocket = await t.socket(admin.token);
      const events = record<{ id: string }>(adminSocket, 'query:message');
      const key = randomUUID();

      const first = await post(q.id, q.auth, 'Still stuck', key).expect(201);
      const retry = await post(q.id, q.auth, 'Still stuck', key).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await rowsWithContent(q.id, 'Still stuck')).toBe(1);
      await drained(adminSocket, 'query:message', () => post(q.id, q.auth, 'A new question', randomUUID()).expect(201));
      expect(events.map((e) => e.id).filter((id) => id === first.body.data.id)).toHaveLength(1);
      const notified = await t.prisma.notification.count({
        where: { userId: admin.user.id, type: 'query.message', data: { path: ['messageId'], equals: first.body.data.id } },
      });
      expect(notified).toBe(1);
    });

    it("a staff member's retried POST returns the first message and reaches the donor once", async () => {
      const { q, admin } = await acceptedQuery();
      const donorSocket = await t.socket(q.token);
      const events = record<{ id: string }>(donorSocket, 'query:message');
      const key = randomUUID();

      const first = await post(q.id, admin.auth, 'Try headphones', key).expect(201);
      const retry = await post(q.id, admin.auth, 'Try headphones', key).expect(201);
      expect(retry.body.data).toEqual(first.body.data);
      expect(await rowsWithKey(q.id, key)).toBe(1);
      await drained(donorSocket, 'query:message', () => post(q.id, admin.auth, 'Anything else?').expect(201));
      expect(events.filter((e) => e.id === first.body.data.id)).toHaveLength(1);
    });

    it('a different key, or no key, writes a new message', async () => {
      const { q, admin } = await acceptedQuery();
      const a = await post(q.id, q.auth, 'Hello', randomUUID()).expect(201);
      const b = await post(q.id, q.auth, 'Hello', randomUUID()).expect(201);
      const c = await post(q.id, q.auth, 'Hello').expect(201);
      const d = await post(q.id, q.auth, 'Hello').expect(201);
      expect(new Set([a, b, c, d].map((res) => res.body.data.id)).size).toBe(4);
      expect(await rowsWithContent(q.id, 'Hello')).toBe(4);
      const s1 = await post(q.id, admin.auth, 'Hi', randomUUID()).expect(201);
      const s2 = await post(q.id, admin.auth, 'Hi', randomUUID()).expect(201);
      expect(s1.body.data.id).not.toBe(s2.body.data.id);
    });

    it('scopes a key to its sender and its query', async () => {
      const { q, admin } = await acceptedQuery();
      const key = randomUUID();
      const byDonor = await post(q.id, q.auth, 'Same key', key).expect(201);
      const byAdmin = await post(q.id, admin.auth, 'Same key', key).expect(201);
      const bySuperAdmin = await post(q.id, superAdmin.auth, 'Same key', key).expect(201);
      expect(new Set([byDonor, byAdmin, bySuperAdmin].map((res) => res.body.data.id)).size).toBe(3);
      expect(byAdmin.body.data).toMatchObject({ senderKind: 'STAFF', senderId: admin.user.id });
      expect(bySuperAdmin.body.data).toMatchObject({ senderKind: 'STAFF', senderId: superAdmin.user.id });

      const other = await newQuery();
      await t.http().patch(`/api/v1/donor-queries/${other.id}/accept`).set(superAdmin.auth).expect(200);
      const elsewhere = await post(other.id, superAdmin.auth, 'Same key', key).expect(201);
      expect(elsewhere.body.data.queryId).toBe(other.id);
      expect(elsewhere.body.data.id).not.toBe(bySuperAdmin.body.data.id);
    });

    it('refuses a key reused for a different message with 422 and writes nothing', async () => {
      const { q, admin } = await acceptedQuery();
      const key = randomUUID();
      await post(q.id, q.auth, 'Original', key).expect(201);
      const reused = await post(q.id, q.auth, 'Something else', key).expect(422);
      expect(reused.body).toMatchObject({ success: false, error: 'IDEMPOTENCY_KEY_REUSED' });
      await post(q.id, admin.auth, 'Reply', key).expect(201);
      expect((await post(q.id, admin.auth, 'Other reply', key).expect(422)).body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await rowsWithContent(q.id, 'Something else')).toBe(0);
      expect(await rowsWithContent(q.id, 'Other reply')).toBe(0);
    });

    it('answers concurrent twins with one message', async () => {
      const { q, admin } = await acceptedQuery();
      const key = randomUUID();
      const donorTwins = await Promise.all([post(q.id, q.auth, 'Twin', key), post(q.id, q.auth, 'Twin', key), post(q.id, q.auth, 'Twin', key)]);
      expect(donorTwins.map((res) => res.status)).toEqual([201, 201, 201]);
      expect(new Set(donorTwins.map((res) => res.body.data.id)).size).toBe(1);
      expect(await rowsWithKey(q.id, key)).toBe(1);

      const staffKey = randomUUID();
      const staffTwins = await Promise.all([post(q.id, admin.auth, 'Staff twin', staffKey), post(q.id, admin.auth, 'Staff twin', staffKey)]);
      expect(staffTwins.map((res) => res.status)).toEqual([201, 201]);
      expect(staffTwins[0].body.data.id).toBe(staffTwins[1].body.data.id);
      expect(await rowsWithKey(q.id, staffKey)).toBe(1);
    });

    it('a retry after the query was resolved returns the first message and does not reopen it', async () => {
      const { q, admin } = await acceptedQuery();
      const key = randomUUID();
      const first = await post(q.id, q.auth, 'Before resolve', key).expect(201);
      await t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(admin.auth).expect(200);
      const retry = await post(q.id, q.auth, 'Before resolve', key).expect(201);
      expect(retry.body.data.id).toBe(first.body.data.id);
      const query = await t.http().get(`/api/v1/donor-queries/${q.id}`).set(admin.auth).expect(200);
      expect(query.body.data.status).toBe('RESOLVED');
      const staffRetryAfterClose = await post(q.id, admin.auth, 'x', randomUUID()).expect(409);
      expect(staffRetryAfterClose.body.success).toBe(false);
    });

    it('refuses a malformed key with 400', async () => {
      const { q } = await acceptedQuery();
      const bad = await post(q.id, q.auth, 'Hi', 'x'.repeat(201)).expect(400);
      expect(bad.body.error).toBe('INVALID_IDEMPOTENCY_KEY');
      expect(await rowsWithContent(q.id, 'Hi')).toBe(0);
    });
  });

  describe('direct messages', () => {
    let ada: TestUser;
    let bo: TestUser;
    const send = (from: TestUser, to: TestUser, content: string, key?: string) => {
      const req = t.http().post('/api/v1/direct-messages').set(from.auth);
      if (key !== undefined) req.set('Idempotency-Key', key);
      return req.send({ recipientId: to.user.id, content });
    };

    beforeAll(async () => {
      ada = await t.createUser({ role: 'ADMIN' });
      bo = await t.createUser({ role: 'SUPPORT_AGENT' });
    });

    it('a retried POST returns the first message, writes one row, emits and notifies once', async () => {
      const boSocket = await t.socket(bo.token);
      const events = record<{ id: string }>(boSocket, 'message:direct');
      const key = randomUUID();
      const first = await send(ada, bo, 'Can you take query 42?', key).expect(201);
      const retry = await send(ada, bo, 'Can you take query 42?', key).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await t.prisma.directMessage.count({ where: { senderId: ada.user.id, content: 'Can you take query 42?' } })).toBe(1);
      await drained(boSocket, 'message:direct', () => send(ada, bo, 'Thanks', randomUUID()).expect(201));
      expect(events.filter((e) => e.id === first.body.data.id)).toHaveLength(1);
      const notified = await t.prisma.notification.count({
        where: { userId: bo.user.id, type: 'direct.message', data: { path: ['messageId'], equals: first.body.data.id } },
      });
      expect(notified).toBe(1);
    });

    it('a different key, another recipient or another sender writes a new message', async () => {
      const cy = await t.createUser({ role: 'ADMIN' });
      const key = randomUUID();
      const first = await send(ada, bo, 'Lunch?', key).expect(201);
      const otherKey = await send(ada, bo, 'Lunch?', randomUUID()).expect(201);
      const otherRecipient = await send(ada, cy, 'Lunch?', key).expect(201);
      const otherSender = await send(bo, ada, 'Lunch?', key).expect(201);
      expect(new Set([first, otherKey, otherRecipient, otherSender].map((res) => res.body.data.id)).size).toBe(4);
      expect(await t.prisma.directMessage.count({ where: { content: 'Lunch?' } })).toBe(4);
    });

    it('refuses a key reused for a different message with 422, and answers concurrent twins with one message', async () => {
      const key = randomUUID();
      await send(ada, bo, 'Original', key).expect(201);
      expect((await send(ada, bo, 'Changed', key).expect(422)).body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await t.prisma.directMessage.count({ where: { content: 'Changed' } })).toBe(0);

      const twinKey = randomUUID();
      const twins = await Promise.all([send(bo, ada, 'Twin', twinKey), send(bo, ada, 'Twin', twinKey), send(bo, ada, 'Twin', twinKey)]);
      expect(twins.map((res) => res.status)).toEqual([201, 201, 201]);
      expect(new Set(twins.map((res) => res.body.data.id)).size).toBe(1);
      expect(await t.prisma.directMessage.count({ where: { senderId: bo.user.id, idempotencyKey: twinKey } })).toBe(1);
    });
  });
});
