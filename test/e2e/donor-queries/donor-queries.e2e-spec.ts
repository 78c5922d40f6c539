import type { Socket } from 'socket.io-client';
import { QueryRemindersService } from '../../../src/modules/donor-queries/query-reminders.service.js';
import { emitWithAck, nextEvent, receivesWithin } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

const API_KEY = 'integration-key-0123456789';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface Created {
  id: string;
  token: string;
  auth: { Authorization: string };
}

describe('Donor queries', () => {
  let t: TestApp;
  let superAdmin: TestUser;

  const newQuery = async (overrides: Record<string, unknown> = {}): Promise<Created> => {
    const res = await t
      .http()
      .post('/api/v1/donor-queries')
      .set('x-api-key', API_KEY)
      .send({ donor: 'jane@example.org', donorId: 'DNR-1', test: 'Hearing', stage: 'Calibration', device: 'iPhone', message: 'The test stops.', ...overrides })
      .expect(201);
    const token = res.body.data.donorAccessToken as string;
    return { id: res.body.data.query.id, token, auth: { Authorization: `Bearer ${token}` } };
  };
  const admin = () => t.createUser({ role: 'ADMIN' });
  const accept = (id: string, user: TestUser) => t.http().patch(`/api/v1/donor-queries/${id}/accept`).set(user.auth);

  beforeAll(async () => {
    t = await createTestApp({ DONOR_INTEGRATION_API_KEY: API_KEY, DONOR_MAX_OPEN_QUERIES_PER_ADMIN: '2', DONOR_REMINDER_SCAN_MS: '0' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
  });
  afterAll(() => t.close());

  describe('creation and the donor token', () => {
    it('creates a query with a donor token, announces it to every admin and notifies them', async () => {
      const [a, b] = [await admin(), await admin()];
      const [sa, sb] = [await t.socket(a.token), await t.socket(b.token)];
      const seenA = nextEvent<{ id: string; status: string }>(sa, 'query:new');
      const seenB = nextEvent<{ id: string }>(sb, 'query:new');
      const notified = nextEvent<{ type: string; data: { queryId: string } }>(sa, 'notification:new');
      const res = await t.http().post('/api/v1/donor-queries').send({ donor: 'Jane', donorId: 'D-9', message: 'Hello' }).expect(201);
      const { query, donorAccessToken } = res.body.data;
      expect(donorAccessToken).toMatch(/^dq_/);
      expect(query).toMatchObject({ donor: 'Jane', donorId: 'D-9', status: 'IN_PROGRESS', assigned: false });
      expect(query).not.toHaveProperty('accessTokenHash');
      expect(query).not.toHaveProperty('assignedToId');
      expect((await seenA).id).toBe(query.id);
      expect((await seenB).id).toBe(query.id);
      expect(await notified).toMatchObject({ type: 'query.new', data: { queryId: query.id } });
      const stored = await t.prisma.donorQuery.findUniqueOrThrow({ where: { id: query.id } });
      expect(stored.accessTokenHash).not.toContain(donorAccessToken);
      const first = await t
        .http()
        .get(`/api/v1/donor-queries/${query.id}/messages`)
        .set({ Authorization: `Bearer ${donorAccessToken}` })
        .expect(200);
      expect(first.body.data.items).toEqual([expect.objectContaining({ messageType: 'QUERY', senderKind: 'DONOR', content: 'Hello' })]);
    });

    it('refuses bad input with 400 in the envelope', async () => {
      const missing = await t.http().post('/api/v1/donor-queries').send({ donor: '', message: 'x' }).expect(400);
      expect(missing.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED' });
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['donor', 'donorId']));
      const unknown = await t.http().post('/api/v1/donor-queries').send({ donor: 'a', donorId: 'b', message: 'c', status: 'RESOLVED' }).expect(400);
      expect(unknown.body.error).toBe('VALIDATION_FAILED');
    });

    it('accepts an external system with the right integration key and refuses a wrong one', async () => {
      const body = { donor: 'ext', donorId: 'E-1', message: 'from the donor portal' };
      const wrong = await t.http().post('/api/v1/donor-queries').set('x-api-key', 'wrong-key-0123456789').send(body).expect(401);
      expect(wrong.body).toMatchObject({ success: false, error: 'INVALID_API_KEY' });
      const ok = await t.http().post('/api/v1/donor-queries').set('x-api-key', API_KEY).send(body).expect(201);
      const staffView = await t.http().get(`/api/v1/donor-queries/${ok.body.data.query.id}`).set(superAdmin.auth).expect(200);
      expect(staffView.body.data.source).toBe('INTEGRATION');
    });

    it('scopes the donor token to its own query', async () => {
      const mine = await newQuery();
      const other = await newQuery();
      const own = await t.http().get(`/api/v1/donor-queries/${mine.id}`).set(mine.auth).expect(200);
      expect(own.body.data).toMatchObject({ id: mine.id, status: 'IN_PROGRESS' });
      expect(own.body.data).not.toHaveProperty('handoverSummary');
      await t.http().get(`/api/v1/donor-queries/${other.id}`).set(mine.auth).expect(404);
      await t.http().get(`/api/v1/donor-queries/${other.id}/messages`).set(mine.auth).expect(404);
      await t.http().post(`/api/v1/donor-queries/${other.id}/messages`).set(mine.auth).send({ content: 'hi' }).expect(404);
      await t.http().post(`/api/v1/donor-queries/${other.id}/donor-close`).set(mine.auth).expect(404);
      await t.http().get(`/api/v1/donor-queries/${NO_SUCH_ID}`).set(superAdmin.auth).expect(404);
      await t.http().get('/api/v1/donor-queries/not-a-uuid').set(superAdmin.auth).expect(400);
      await t.http().get(`/api/v1/donor-queries/${mine.id}`).set({ Authorization: 'Bearer dq_forged' }).expect(401);
    });

    it('keeps donor tokens and other roles off staff routes', async () => {
      const q = await newQuery();
      await t.http().get('/api/v1/donor-queries').set(q.auth).expect(401);
      await t.http().patch(`/api/v1/donor-queries/${q.id}/accept`).set(q.auth).expect(401);
      const agent = await t.createUser({ role: 'AGENT' });
      await t.http().get(`/api/v1/donor-queries/${q.id}`).set(agent.auth).expect(403);
      await t.http().get('/api/v1/donor-queries').set(agent.auth).expect(403);
      const support = await t.createUser({ role: 'SUPPORT_AGENT' });
      await accept(q.id, support).expect(403);
      const a = await admin();
      await t.http().post(`/api/v1/donor-queries/${q.id}/donor-close`).set(a.auth).expect(403);
      const list = await t.http().get('/api/v1/donor-queries?status=BOGUS').set(a.auth).expect(400);
      expect(list.body.error).toBe('VALIDATION_FAILED');
    });

    it('lets a donor socket join only its own query room', async () => {
      const q = await newQuery();
      const other = await newQuery();
      const donor = await t.socket(q.token);
      const a = await admin();
      await accept(q.id, a).expect(200);
      await accept(other.id, a).expect(200);
      const own = nextEvent<{ queryId: string; content: string }>(donor, 'query:message');
      const foreign = receivesWithin(donor, 'query:message', 600);
      await t.http().post(`/api/v1/donor-queries/${other.id}/messages`).set(a.auth).send({ content: 'not for you' }).expect(201);
      expect(await foreign).toBe(false);
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'for you' }).expect(201);
      expect(await own).toMatchObject({ queryId: q.id, content: 'for you' });
    });
  });

  describe('accept, messages, transfer, resolve', () => {
    it('lets exactly one of two racing admins accept', async () => {
      const q = await newQuery();
      const [a, b] = [await admin(), await admin()];
      const donor = await t.socket(q.token);
      const updated = nextEvent<{ id: string; status: string; assigned: boolean }>(donor, 'query:updated');
      const results = await Promise.all([accept(q.id, a), accept(q.id, b)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ success: false, error: 'INVALID_QUERY_STATE' });
      const winner = results.find((r) => r.status === 200)!;
      expect([a.user.id, b.user.id]).toContain(winner.body.data.assignedToId);
      expect(await updated).toMatchObject({ id: q.id, assigned: true });
      const system = await t.prisma.donorMessage.count({ where: { queryId: q.id, messageType: 'SYSTEM' } });
      expect(system).toBe(1);
    });

    it('refuses accepting above the per-admin cap, and serves the queue oldest first', async () => {
      const a = await admin();
      await t.prisma.donorQuery.updateMany({ where: { assignedToId: null }, data: { status: 'RESOLVED' } });
      const first = await newQuery();
      const second = await newQuery();
      const third = await newQuery();
      const queue = await t.http().get('/api/v1/donor-queries/in-progress').set(a.auth).expect(200);
      expect(queue.body.data.items.map((q: { id: string }) => q.id)).toEqual([first.id, second.id, third.id]);
      const next = await t.http().patch('/api/v1/donor-queries/accept-next').set(a.auth).expect(200);
      expect(next.body.data.id).toBe(first.id);
      await accept(second.id, a).expect(200);
      const capped = await accept(third.id, a).expect(409);
      expect(capped.body.error).toBe('OPEN_QUERY_CAP_REACHED');
    });

    it('holds the per-admin cap when one admin accepts several queries at once', async () => {
      const a = await admin();
      const queries = [await newQuery(), await newQuery(), await newQuery(), await newQuery()];
      const results = await Promise.all(queries.map((q) => accept(q.id, a)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409, 409]);
      for (const refused of results.filter((r) => r.status === 409)) expect(refused.body.error).toBe('OPEN_QUERY_CAP_REACHED');
      expect(await t.prisma.donorQuery.count({ where: { assignedToId: a.user.id } })).toBe(2);
    });

    it('gives racing accept-next calls one distinct waiting query each, oldest first', async () => {
      await t.prisma.donorQuery.updateMany({ where: { assignedToId: null }, data: { status: 'RESOLVED' } });
      const waiting = [await newQuery(), await newQuery(), await newQuery()];
      const admins = [await admin(), await admin(), await admin()];
      const results = await Promise.all(admins.map((a) => t.http().patch('/api/v1/donor-queries/accept-next').set(a.auth)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.map((r) => r.body.data.id as string).sort()).toEqual(waiting.map((q) => q.id).sort());
      const late = await t
        .http()
        .patch('/api/v1/donor-queries/accept-next')
        .set((await admin()).auth)
        .expect(404);
      expect(late.body).toMatchObject({ success: false, error: 'NOT_FOUND' });
    });

    it('carries messages both ways over sockets, with cursor history and read state', async () => {
      const q = await newQuery();
      const a = await admin();
      const other = await admin();
      await accept(q.id, a).expect(200);
      const donor = await t.socket(q.token);
      const adminSocket = await t.socket(a.token);

      const toDonor = nextEvent<{ content: string; senderKind: string }>(donor, 'query:message');
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'Hi, I am Ada' }).expect(201);
      expect(await toDonor).toMatchObject({ content: 'Hi, I am Ada', senderKind: 'STAFF' });

      const toAdmin = nextEvent<{ content: string; senderKind: string }>(adminSocket, 'query:message');
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(q.auth).send({ content: 'Thanks!' }).expect(201);
      expect(await toAdmin).toMatchObject({ content: 'Thanks!', senderKind: 'DONOR' });

      const notAssignee = await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(other.auth).send({ content: 'me too' }).expect(403);
      expect(notAssignee.body.success).toBe(false);
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(q.auth).send({ content: '' }).expect(400);
      await t.http().post(`/api/v1/donor-queries/${NO_SUCH_ID}/messages`).set(a.auth).send({ content: 'x' }).expect(404);

      const page1 = await t.http().get(`/api/v1/donor-queries/${q.id}/messages?limit=2`).set(a.auth).expect(200);
      expect(page1.body.data.items.map((m: { content: string }) => m.content)).toEqual(['Hi, I am Ada', 'Thanks!']);
      const page2 = await t.http().get(`/api/v1/donor-queries/${q.id}/messages?limit=2&before=${page1.body.data.nextCursor}`).set(q.auth).expect(200);
      expect(page2.body.data.items.map((m: { messageType: string }) => m.messageType)).toEqual(['QUERY', 'SYSTEM']);
      expect(page2.body.data.nextCursor).toBeNull();
      await t.http().get(`/api/v1/donor-queries/${q.id}/messages?before=${NO_SUCH_ID}`).set(a.auth).expect(404);

      const read = await t.http().post(`/api/v1/donor-queries/${q.id}/messages/read`).set(a.auth).expect(200);
      expect(read.body.data.updated).toBe(2);
      const again = await t.http().post(`/api/v1/donor-queries/${q.id}/messages/read`).set(a.auth).expect(200);
      expect(again.body.data.updated).toBe(0);
    });

    it('refuses staff replies before anyone accepted', async () => {
      const q = await newQuery();
      const a = await admin();
      const res = await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'early' }).expect(409);
      expect(res.body.success).toBe(false);
    });

    it('transfers only to another active admin, notifying the receiver with a handover summary', async () => {
      const q = await newQuery();
      const [a, b, bystander] = [await admin(), await admin(), await admin()];
      const deactivated = await t.createUser({ role: 'ADMIN', status: 'DEACTIVATED' });
      const agent = await t.createUser({ role: 'AGENT' });
      await accept(q.id, a).expect(200);
      const url = `/api/v1/donor-queries/${q.id}/transfer`;
      expect((await t.http().patch(url).set(a.auth).send({ toUserId: a.user.id, note: 'me' }).expect(400)).body.error).toBe('INVALID_TRANSFER_TARGET');
      expect((await t.http().patch(url).set(a.auth).send({ toUserId: deactivated.user.id, note: 'x' }).expect(400)).body.error).toBe('INVALID_TRANSFER_TARGET');
      await t.http().patch(url).set(a.auth).send({ toUserId: agent.user.id, note: 'x' }).expect(400);
      await t.http().patch(url).set(a.auth).send({ toUserId: 'nope', note: 'x' }).expect(400);
      await t.http().patch(url).set(bystander.auth).send({ toUserId: b.user.id, note: 'x' }).expect(403);

      const receiver = await t.socket(b.token);
      const notified = nextEvent<{ type: string; data: { queryId: string } }>(receiver, 'notification:new');
      const res = await t.http().patch(url).set(a.auth).send({ toUserId: b.user.id, note: 'Needs audio expertise' }).expect(200);
      expect(res.body.data).toMatchObject({
        status: 'TRANSFERRED',
        assignedToId: b.user.id,
        transferredToUserId: b.user.id,
        transferNote: 'Needs audio expertise',
      });
      expect(res.body.data.handoverSummary).toContain('The test stops.');
      expect(await notified).toMatchObject({ type: 'query.transferred', data: { queryId: q.id } });
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'still me?' }).expect(403);
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(b.auth).send({ content: 'Hi, Bo here' }).expect(201);
    });

    it('resolves by the assignee or a SUPER_ADMIN only, once', async () => {
      const q = await newQuery();
      const [a, other] = [await admin(), await admin()];
      await accept(q.id, a).expect(200);
      await t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(other.auth).expect(403);
      const results = await Promise.all([
        t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(a.auth),
        t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(superAdmin.auth),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const again = await t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(a.auth).expect(409);
      expect(again.body.error).toBe('INVALID_QUERY_STATE');
      await t.http().patch(`/api/v1/donor-queries/${NO_SUCH_ID}/resolve`).set(a.auth).expect(404);
      const closed = await t.http().patch(`/api/v1/donor-queries/${q.id}/transfer`).set(a.auth).send({ toUserId: other.user.id, note: 'x' }).expect(409);
      expect(closed.body.error).toBe('INVALID_QUERY_STATE');
      await accept(q.id, other).expect(409);
    });

    it('never lands a staff reply on a query a racing request just resolved', async () => {
      const q = await newQuery();
      const a = await admin();
      await accept(q.id, a).expect(200);
      const [reply, resolve] = await Promise.all([
        t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'racing reply' }),
        t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(a.auth),
      ]);
      expect(resolve.status).toBe(200);
      expect([201, 409]).toContain(reply.status);
      const stored = await t.prisma.donorQuery.findUniqueOrThrow({ where: { id: q.id } });
      const replies = await t.prisma.donorMessage.findMany({ where: { queryId: q.id, senderKind: 'STAFF' } });
      // A refused reply leaves no row; an accepted one committed before the resolution (the reply
      // locks the query row and re-checks its status). Timestamps cannot order the two: the reply's
      // comes from the database's transaction start, resolvedAt from the application's clock.
      expect(replies.length).toBe(reply.status === 201 ? 1 : 0);
      expect(stored.status).toBe('RESOLVED');
    });

    it('lets the donor close the query, and reopens it when the donor writes again', async () => {
      const q = await newQuery();
      const a = await admin();
      await accept(q.id, a).expect(200);
      const closed = await t.http().post(`/api/v1/donor-queries/${q.id}/donor-close`).set(q.auth).expect(200);
      expect(closed.body.data.status).toBe('CLOSED_BY_DONOR');
      await t.http().post(`/api/v1/donor-queries/${q.id}/donor-close`).set(q.auth).expect(409);
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'closed' }).expect(409);
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(q.auth).send({ content: 'one more thing' }).expect(201);
      const view = await t.http().get(`/api/v1/donor-queries/${q.id}`).set(a.auth).expect(200);
      expect(view.body.data).toMatchObject({ status: 'IN_PROGRESS', assignedToId: a.user.id });
      const systems = await t.prisma.donorMessage.findMany({ where: { queryId: q.id, messageType: 'SYSTEM' }, orderBy: { createdAt: 'asc' } });
      expect(systems.map((m) => m.content)).toEqual([expect.stringContaining('accepted'), 'The donor closed the query', expect.stringContaining('reopened')]);
    });

    it('shows staff who else is viewing a query', async () => {
      const q = await newQuery();
      const [a, b] = [await admin(), await admin()];
      const [sa, sb] = [await t.socket(a.token), await t.socket(b.token)];
      const joinedA = await emitWithAck<{ success: boolean; data: { viewers: { id: string }[] } }>(sa, 'query:join', { queryId: q.id });
      expect(joinedA.data.viewers.map((v) => v.id)).toEqual([a.user.id]);
      const seenByA = nextEvent<{ queryId: string; viewers: { id: string }[] }>(sa, 'query:viewers');
      await emitWithAck(sb, 'query:join', { queryId: q.id });
      expect((await seenByA).viewers.map((v) => v.id).sort()).toEqual([a.user.id, b.user.id].sort());
      const left = nextEvent<{ viewers: { id: string }[] }>(sa, 'query:viewers');
      sb.disconnect();
      expect((await left).viewers.map((v) => v.id)).toEqual([a.user.id]);
      const bad = await emitWithAck<{ success: boolean; statusCode: number }>(sa, 'query:join', { queryId: 'x' });
      expect(bad).toMatchObject({ success: false, statusCode: 400 });
      const missing = await emitWithAck<{ success: boolean; statusCode: number }>(sa, 'query:join', { queryId: NO_SUCH_ID });
      expect(missing).toMatchObject({ success: false, statusCode: 404 });
      const donor: Socket = await t.socket(q.token);
      const own = await emitWithAck<{ success: boolean; data: Record<string, unknown> }>(donor, 'query:join', { queryId: q.id });
      expect(own).toEqual({ success: true, data: { queryId: q.id } });
      const other = await newQuery();
      const foreign = await emitWithAck<{ success: boolean; statusCode: number }>(donor, 'query:join', { queryId: other.id });
      expect(foreign).toMatchObject({ success: false, statusCode: 404 });
      const agent = await t.socket((await t.createUser({ role: 'AGENT' })).token);
      const refused = await emitWithAck<{ success: boolean; statusCode: number }>(agent, 'query:join', { queryId: q.id });
      expect(refused).toMatchObject({ success: false, statusCode: 403 });
    });
  });

  describe('reminders', () => {
    it('sends a manual reminder to the assignee', async () => {
      const q = await newQuery();
      const [a, b] = [await admin(), await admin()];
      await accept(q.id, a).expect(200);
      const socket = await t.socket(a.token);
      const notified = nextEvent<{ type: string }>(socket, 'notification:new');
      const res = await t.http().post(`/api/v1/donor-queries/${q.id}/reminders`).set(b.auth).send({ note: 'Donor waits' }).expect(201);
      expect(res.body.data.recipientIds).toEqual([a.user.id]);
      expect(await notified).toMatchObject({ type: 'query.reminder' });
      await t.http().post(`/api/v1/donor-queries/${q.id}/reminders`).set(b.auth).send({ note: '' }).expect(400);
      await t.http().post(`/api/v1/donor-queries/${NO_SUCH_ID}/reminders`).set(b.auth).send({}).expect(404);
      await t.http().post(`/api/v1/donor-queries/${q.id}/reminders`).set(q.auth).send({}).expect(401);
    });

    it('reminds the assignee and escalates to SUPER_ADMINs once per wait, even with racing scanners', async () => {
      const scanner = t.app.get(QueryRemindersService);
      const q = await newQuery();
      const a = await admin();
      await accept(q.id, a).expect(200);
      await t.prisma.donorQuery.updateMany({ where: { NOT: { id: q.id } }, data: { waitingSince: null } });
      const longAgo = new Date(Date.now() - 2 * 3600_000);
      await t.prisma.donorQuery.update({ where: { id: q.id }, data: { waitingSince: longAgo } });

      const passes = await Promise.all([scanner.scan(), scanner.scan(), scanner.scan()]);
      expect(passes.reduce((sum, p) => sum + p.reminded, 0)).toBe(1);
      expect(passes.reduce((sum, p) => sum + p.escalated, 0)).toBe(1);
      expect(await scanner.scan()).toEqual({ reminded: 0, escalated: 0 });
      const reminders = await t.prisma.queryReminder.findMany({ where: { queryId: q.id } });
      expect(reminders.filter((r) => r.kind === 'AUTO').map((r) => r.recipientId)).toEqual([a.user.id]);
      expect(reminders.filter((r) => r.kind === 'ESCALATION').map((r) => r.recipientId)).toContain(superAdmin.user.id);

      // The admin answers (the wait ends), the donor writes again: a new wait, reminded once more.
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(a.auth).send({ content: 'On it' }).expect(201);
      expect((await t.prisma.donorQuery.findUniqueOrThrow({ where: { id: q.id } })).waitingSince).toBeNull();
      await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(q.auth).send({ content: 'Still broken' }).expect(201);
      await t.prisma.donorQuery.update({ where: { id: q.id }, data: { waitingSince: longAgo } });
      expect((await scanner.scan()).reminded).toBe(1);
      expect(await t.prisma.queryReminder.count({ where: { queryId: q.id, kind: 'AUTO' } })).toBe(2);
    });
  });

  it('documents the desk in Swagger', async () => {
    const docs = await t.http().get('/docs-json').expect(200);
    for (const path of [
      '/api/v1/donor-queries',
      '/api/v1/donor-queries/{id}/accept',
      '/api/v1/donor-queries/{id}/messages',
      '/api/v1/donor-queries/{id}/reminders',
      '/api/v1/communication/call/{queryId}/request',
      '/api/v1/communication/call/{roomName}/status',
      '/api/v1/notifications',
      '/api/v1/direct-messages',
    ]) {
      expect(docs.body.paths[path]).toBeDefined();
    }
    expect(docs.body.paths['/api/v1/donor-queries'].post.summary).toMatch(/donor access token/);
    expect(docs.body.components.schemas.DonorQueryDto.properties.handoverSummary).toBeDefined();
  });

  it('limits public creation per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/v1/donor-queries')
            .send({ donor: 'flood', donorId: 'F', message: String(i) })
        ).status,
      );
    }
    expect(statuses).toContain(429);
    await t.http().post('/api/v1/donor-queries').set('x-api-key', API_KEY).send({ donor: 'ok', donorId: 'I', message: 'still served' }).expect(201);
  });
});
