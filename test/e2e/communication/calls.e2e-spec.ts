import type { Socket } from 'socket.io-client';
import { CommunicationService } from '../../../src/modules/communication/communication.service.js';
import { assignedDonorQuery, type DonorQuery, postDonorQuery } from '../../support/donor-queries.js';
import { nextEvent } from '../../support/socket.js';
import { RecordedRequest, sendJson, StandInServer } from '../../support/stand-in-server.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { createRoom, DAILY_KEY, startDaily } from './daily-stand-in.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('Calls (Daily.co stand-in)', () => {
  let t: TestApp;
  let daily: StandInServer;
  let superAdmin: TestUser;

  const newQuery = () => postDonorQuery(t);
  const admin = () => t.createUser({ role: 'ADMIN' });
  const acceptQuery = (id: string, user: TestUser) => t.http().patch(`/api/v1/donor-queries/${id}/accept`).set(user.auth);
  const requestCall = (q: DonorQuery, body: Record<string, unknown> = { mode: 'VIDEO' }) =>
    t.http().post(`/api/v1/communication/call/${q.id}/request`).set(q.auth).send(body);
  const dailyCalls = (method: string, prefix: string): RecordedRequest[] => daily.requests.filter((r) => r.method === method && r.path.startsWith(prefix));
  const assignedQuery = () => assignedDonorQuery(t);

  beforeAll(async () => {
    daily = await startDaily();
    t = await createTestApp({ DAILY_API_KEY: DAILY_KEY, DAILY_API_URL: daily.url, DONOR_REMINDER_SCAN_MS: '0', CALL_TOKEN_TTL_SECONDS: '1800' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await daily.close();
  });

  it('runs the whole desk lifecycle with two admins and a donor on real sockets', async () => {
    const [ada, bo] = [await admin(), await admin()];
    const [adaSocket, boSocket]: Socket[] = [await t.socket(ada.token), await t.socket(bo.token)];
    const seenByAda = nextEvent<{ id: string }>(adaSocket, 'query:new');
    const seenByBo = nextEvent<{ id: string }>(boSocket, 'query:new');
    const q = await newQuery();
    expect((await seenByAda).id).toBe(q.id);
    expect((await seenByBo).id).toBe(q.id);
    const donor = await t.socket(q.token);

    const accepts = await Promise.all([acceptQuery(q.id, ada), acceptQuery(q.id, bo)]);
    expect(accepts.map((r) => r.status).sort()).toEqual([200, 409]);
    const [owner, other] = accepts[0].status === 200 ? [ada, bo] : [bo, ada];
    const ownerSocket = owner === ada ? adaSocket : boSocket;

    const toDonor = nextEvent<{ content: string }>(donor, 'query:message');
    await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(owner.auth).send({ content: 'Hello Dana' }).expect(201);
    expect((await toDonor).content).toBe('Hello Dana');
    const toOwner = nextEvent<{ content: string }>(ownerSocket, 'query:message');
    await t.http().post(`/api/v1/donor-queries/${q.id}/messages`).set(q.auth).send({ content: 'Can we talk?' }).expect(201);
    expect((await toOwner).content).toBe('Can we talk?');

    const requested = nextEvent<{ queryId: string; mode: string; status: string }>(ownerSocket, 'call:requested');
    const callRequest = await requestCall(q, { mode: 'VIDEO', message: 'Please call me' }).expect(201);
    expect(callRequest.body.data).toMatchObject({ queryId: q.id, mode: 'VIDEO', status: 'PENDING' });
    expect(await requested).toMatchObject({ queryId: q.id, mode: 'VIDEO', status: 'PENDING' });
    expect((await requestCall(q).expect(409)).body.error).toBe('CALL_REQUEST_PENDING');

    await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(q.auth).send({}).expect(401);
    await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(other.auth).send({}).expect(403);

    const donorGetsCall = nextEvent<{ roomName: string; roomUrl: string; token: string }>(donor, 'call:accepted');
    const accepted = await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(owner.auth).send({}).expect(200);
    const session = accepted.body.data;
    expect(session).toMatchObject({ queryId: q.id, mode: 'VIDEO', status: 'CREATED', roomUrl: `https://cx.daily.co/${session.roomName}` });
    expect(session).not.toHaveProperty('adminToken');
    expect(session).not.toHaveProperty('userToken');

    const [roomRequest] = dailyCalls('POST', '/rooms');
    expect(roomRequest.headers.authorization).toBe(`Bearer ${DAILY_KEY}`);
    expect(roomRequest.body).toMatchObject({ name: session.roomName, privacy: 'private', properties: { exp: expect.any(Number) } });
    const tokenRequests = dailyCalls('POST', '/meeting-tokens').map((r) => (r.body as { properties: Record<string, unknown> }).properties);
    expect(tokenRequests).toHaveLength(2);
    const ownerToken = tokenRequests.find((p) => p.is_owner === true)!;
    const donorToken = tokenRequests.find((p) => p.is_owner === false)!;
    expect(ownerToken).toMatchObject({ room_name: session.roomName, exp: expect.any(Number) });
    expect(donorToken).toMatchObject({ room_name: session.roomName, user_name: 'Dana Donor' });
    const nowSeconds = Date.now() / 1000;
    expect(donorToken.exp as number).toBeGreaterThan(nowSeconds + 1700);
    expect(donorToken.exp as number).toBeLessThan(nowSeconds + 1900);

    const donorView = await donorGetsCall;
    expect(donorView.roomName).toBe(session.roomName);
    expect(donorView.token).not.toBe(session.token);
    expect([session.token, donorView.token].sort()).toEqual(['daily-token-1', 'daily-token-2']);
    const active = await t.http().get(`/api/v1/communication/call/${q.id}/active`).set(q.auth).expect(200);
    expect(active.body.data.token).toBe(donorView.token);

    expect((await requestCall(q).expect(409)).body.error).toBe('CALL_ALREADY_ACTIVE');
    expect((await t.http().post(`/api/v1/communication/call/${q.id}`).set(owner.auth).send({ mode: 'AUDIO' }).expect(409)).body.error).toBe(
      'CALL_ALREADY_ACTIVE',
    );

    const statusUrl = `/api/v1/communication/call/${session.roomName}/status`;
    const started = nextEvent<{ status: string }>(donor, 'call:status');
    await t.http().put(statusUrl).set(owner.auth).send({ status: 'STARTED' }).expect(200);
    expect((await started).status).toBe('STARTED');
    await t.prisma.callSession.update({ where: { id: session.id }, data: { startedAt: new Date(Date.now() - 125_000) } });
    const ended = await t.http().post(`/api/v1/communication/call/${session.roomName}/end`).set(q.auth).expect(200);
    expect(ended.body.data).toMatchObject({ status: 'ENDED', token: null });
    expect(ended.body.data.durationSeconds).toBeGreaterThanOrEqual(125);
    expect(dailyCalls('DELETE', `/rooms/${session.roomName}`)).toHaveLength(1);
    const reStart = await t.http().put(statusUrl).set(owner.auth).send({ status: 'STARTED' }).expect(409);
    expect(reStart.body.error).toBe('INVALID_CALL_STATE');

    const history = await t.http().get(`/api/v1/donor-queries/${q.id}/messages?limit=100`).set(q.auth).expect(200);
    const callMessages = history.body.data.items.filter((m: { messageType: string }) => m.messageType.startsWith('CALL_'));
    expect(callMessages.map((m: { messageType: string }) => m.messageType)).toEqual(['CALL_STARTED', 'CALL_ENDED']);
    expect(callMessages[1]).toMatchObject({ callMode: 'VIDEO', callSessionId: session.id, content: expect.stringMatching(/ended after 2m \d+s/) });

    await t
      .http()
      .patch(`/api/v1/donor-queries/${q.id}/transfer`)
      .set(owner.auth)
      .send({ toUserId: other.user.id, note: 'Handing over after the call' })
      .expect(200);
    const resolved = await t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(other.auth).expect(200);
    expect(resolved.body.data).toMatchObject({ status: 'RESOLVED', resolvedById: other.user.id });
  });

  it('refuses accepting a cancelled or an expired request, and expires it with a missed-call notice', async () => {
    const { q, a } = await assignedQuery();
    await requestCall(q, { mode: 'AUDIO' }).expect(201);
    const cancelled = await t.http().post(`/api/v1/communication/call/${q.id}/cancel-request`).set(q.auth).send({}).expect(200);
    expect(cancelled.body.data.status).toBe('CANCELLED');
    expect((await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({}).expect(409)).body.error).toBe(
      'CALL_REQUEST_NOT_PENDING',
    );

    const second = await requestCall(q, { mode: 'SCREEN' }).expect(201);
    // The app's own expiry job may run at any moment too; whoever expires the request, it happens once.
    const socket = await t.socket(a.token);
    const missed = nextEvent<{ type: string; data: { callRequestId: string } }>(socket, 'notification:new');
    await t.prisma.callRequest.update({ where: { id: second.body.data.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({}).expect(409)).body.error).toBe(
      'CALL_REQUEST_NOT_PENDING',
    );

    const service = t.app.get(CommunicationService);
    await Promise.all([service.expireOverdue(), service.expireOverdue()]);
    expect(await missed).toMatchObject({ type: 'call.missed', data: { callRequestId: second.body.data.id } });
    expect((await t.prisma.callRequest.findUniqueOrThrow({ where: { id: second.body.data.id } })).status).toBe('EXPIRED');
    const notices = await t.prisma.donorMessage.findMany({ where: { queryId: q.id, messageType: 'SYSTEM', content: { startsWith: 'Missed' } } });
    expect(notices).toHaveLength(1);
    expect(await t.prisma.notification.count({ where: { userId: a.user.id, type: 'call.missed' } })).toBe(1);
  });

  it('keeps one pending request when the donor sends several at once, the rest refused with 409', async () => {
    // A few rounds, as the interleavings that matter are not there every time.
    for (let round = 0; round < 4; round += 1) {
      const { q } = await assignedQuery();
      const results = await Promise.all((['VIDEO', 'AUDIO', 'SCREEN', 'VIDEO'] as const).map((mode) => requestCall(q, { mode })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const refused of results.filter((r) => r.status === 409)) expect(refused.body.error).toBe('CALL_REQUEST_PENDING');
      // The request the donor was told about is the one waiting: a racing request did not expire it.
      const created = results.find((r) => r.status === 201)!;
      expect(await t.prisma.callRequest.findMany({ where: { queryId: q.id }, select: { id: true, status: true } })).toEqual([
        { id: created.body.data.id, status: 'PENDING' },
      ]);
    }
  });

  it('lets the assignee decline a request, once', async () => {
    const { q, a } = await assignedQuery();
    await requestCall(q).expect(201);
    const results = await Promise.all([
      t.http().post(`/api/v1/communication/call/${q.id}/reject-request`).set(a.auth).send({}),
      t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(superAdmin.auth).send({}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.prisma.callSession.count({ where: { queryId: q.id, status: { not: 'ENDED' } } })).toBeLessThanOrEqual(1);
  });

  it('lets only one of two racing direct calls open, and deletes the losing room', async () => {
    const { q, a } = await assignedQuery();
    const before = dailyCalls('DELETE', '/rooms/').length;
    const results = await Promise.all([
      t.http().post(`/api/v1/communication/call/${q.id}`).set(a.auth).send({ mode: 'AUDIO' }),
      t.http().post(`/api/v1/communication/call/${q.id}`).set(superAdmin.auth).send({ mode: 'VIDEO' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.prisma.callSession.count({ where: { queryId: q.id } })).toBe(1);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error).toBe('CALL_ALREADY_ACTIVE');
    // The loser either stopped before creating a room or deleted the one it created.
    const roomsCreated = dailyCalls('POST', '/rooms').filter((r) => (r.body as { name: string }).name.startsWith(`cx-${q.id.slice(0, 8)}`)).length;
    expect(dailyCalls('DELETE', '/rooms/').length - before).toBe(roomsCreated - 1);
  });

  it('answers 502 when Daily fails, and leaves the request to be accepted again', async () => {
    const { q, a } = await assignedQuery();
    await requestCall(q).expect(201);
    daily.on('POST', '/rooms', (_req, res) => sendJson(res, 500, { error: 'server-error' }));
    try {
      const failed = await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({}).expect(502);
      expect(failed.body.error).toBe('VIDEO_PROVIDER_FAILED');
    } finally {
      daily.on('POST', '/rooms', (req, res) => {
        const body = req.body as { name: string };
        daily.on('DELETE', `/rooms/${body.name}`, (_r, del) => sendJson(del, 200, { deleted: true }));
        sendJson(res, 200, { name: body.name, url: `https://cx.daily.co/${body.name}` });
      });
    }
    await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({}).expect(200);
  });

  it('keeps the newer request when Daily fails after the donor asked again, and answers its 502', async () => {
    const { q, a } = await assignedQuery();
    const first = await requestCall(q, { mode: 'AUDIO' }).expect(201);
    // Daily holds the room until the donor's second request has been answered, then fails.
    let roomAsked!: () => void;
    const asked = new Promise<void>((resolve) => (roomAsked = resolve));
    let failRoom!: () => void;
    const released = new Promise<void>((resolve) => (failRoom = resolve));
    daily.on('POST', '/rooms', async (_req, res) => {
      roomAsked();
      await released;
      sendJson(res, 500, { error: 'server-error' });
    });
    let secondId: string | undefined;
    try {
      const accepting = t
        .http()
        .post(`/api/v1/communication/call/${q.id}/accept-request`)
        .set(a.auth)
        .send({})
        .then((r) => r);
      await asked;
      const second = await requestCall(q, { mode: 'VIDEO' }).expect(201);
      secondId = second.body.data.id as string;
      const donor = await t.socket(q.token);
      const gaveWay = nextEvent<{ id: string; status: string }>(donor, 'call:request_updated');
      failRoom();
      const failed = await accepting;
      expect({ status: failed.status, error: failed.body.error }).toEqual({ status: 502, error: 'VIDEO_PROVIDER_FAILED' });
      expect(await gaveWay).toMatchObject({ id: first.body.data.id, status: 'EXPIRED' });

      expect(await t.prisma.callRequest.findMany({ where: { queryId: q.id, status: 'PENDING' }, select: { id: true } })).toEqual([{ id: secondId }]);
      // The old request gave way to the newer one, as a run-out request does; it keeps no trace of the accept.
      expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: first.body.data.id } })).toMatchObject({
        status: 'EXPIRED',
        adminId: null,
        respondedAt: null,
      });
      expect(await t.prisma.callSession.count({ where: { queryId: q.id } })).toBe(0);
    } finally {
      failRoom();
      daily.on('POST', '/rooms', createRoom(daily));
    }
    // The newer request is the one the assignee can accept now.
    const accepted = await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({}).expect(200);
    expect(accepted.body.data.mode).toBe('VIDEO');
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: accepted.body.data.id as string } })).toMatchObject({ callRequestId: secondId });
  });

  it('refuses bad input, other queries, other roles and unknown ids', async () => {
    const { q, a } = await assignedQuery();
    const other = await newQuery();
    expect((await requestCall(q, { mode: 'FAX' }).expect(400)).body.error).toBe('VALIDATION_FAILED');
    await requestCall(q, { mode: 'VIDEO', extra: 1 }).expect(400);
    await t.http().post(`/api/v1/communication/call/${other.id}/request`).set(q.auth).send({ mode: 'VIDEO' }).expect(404);
    await t.http().post(`/api/v1/communication/call/${q.id}/request`).set(a.auth).send({ mode: 'VIDEO' }).expect(403);
    await t.http().post('/api/v1/communication/call/not-a-uuid/request').set(q.auth).send({ mode: 'VIDEO' }).expect(400);
    await t.http().post(`/api/v1/communication/call/${NO_SUCH_ID}`).set(a.auth).send({ mode: 'VIDEO' }).expect(404);
    const agent = await t.createUser({ role: 'AGENT' });
    await t.http().post(`/api/v1/communication/call/${q.id}`).set(agent.auth).send({ mode: 'VIDEO' }).expect(403);
    await t.http().put('/api/v1/communication/call/cx-nope/status').set(a.auth).send({ status: 'STARTED' }).expect(404);
    const started = await t.http().post(`/api/v1/communication/call/${q.id}`).set(a.auth).send({ mode: 'VIDEO' }).expect(201);
    const room = started.body.data.roomName as string;
    await t.http().put(`/api/v1/communication/call/${room}/status`).set(a.auth).send({ status: 'PAUSED' }).expect(400);
    await t.http().put(`/api/v1/communication/call/${room}/status`).set(other.auth).send({ status: 'ENDED' }).expect(404);
    const bystander = await admin();
    await t.http().put(`/api/v1/communication/call/${room}/status`).set(bystander.auth).send({ status: 'ENDED' }).expect(403);
    const peek = await t.http().get(`/api/v1/communication/call/${q.id}/active`).set(bystander.auth).expect(200);
    expect(peek.body.data).toMatchObject({ roomName: room, token: null });
    const own = await t.http().get(`/api/v1/communication/call/${q.id}/active`).set(a.auth).expect(200);
    expect(own.body.data.token).toBe(started.body.data.token);
    await t.http().get(`/api/v1/communication/call/${other.id}/active`).set(a.auth).expect(404);
  });
});

describe('Calls without a video provider', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ DONOR_REMINDER_SCAN_MS: '0' });
  });
  afterAll(() => t.close());

  it('answers 503 with a clear message', async () => {
    const res = await t.http().post('/api/v1/donor-queries').send({ donor: 'x', donorId: 'y', message: 'z' }).expect(201);
    const auth = { Authorization: `Bearer ${res.body.data.donorAccessToken}` };
    const call = await t.http().post(`/api/v1/communication/call/${res.body.data.query.id}/request`).set(auth).send({ mode: 'VIDEO' }).expect(503);
    expect(call.body).toMatchObject({ success: false, error: 'CALLS_UNAVAILABLE', message: expect.stringContaining('DAILY_API_KEY') });
  });
});
