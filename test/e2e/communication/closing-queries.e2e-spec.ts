import { CommunicationService } from '../../../src/modules/communication/communication.service.js';
import type { StandInServer } from '../../support/stand-in-server.js';
import { assignedDonorQuery, type DonorQuery, postDonorQuery } from '../../support/donor-queries.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { nextMatching } from '../../support/socket.js';
import { createRoom, dailyEnv, dailyRequests, startDaily } from './daily-stand-in.js';

interface CallStatusEvent {
  id: string;
  roomName: string;
  status: string;
  token: string | null;
}

/**
 * A closed query leaves no call behind: resolve and the donor's close end an active call (room
 * deleted at Daily, CALL_ENDED written, `call:status` emitted) and cancel a pending request; a
 * transfer refuses while a call is active and hands a pending request to the receiver.
 */
describe('Calls when a query closes or moves (Daily.co stand-in)', () => {
  let t: TestApp;
  let daily: StandInServer;
  let superAdmin: TestUser;

  const newQuery = () => postDonorQuery(t);
  const admin = () => t.createUser({ role: 'ADMIN' });
  const assignedQuery = () => assignedDonorQuery(t);
  const startCall = (q: DonorQuery, user: TestUser, mode = 'AUDIO') => t.http().post(`/api/v1/communication/call/${q.id}`).set(user.auth).send({ mode });
  const requestCall = (q: DonorQuery, mode = 'AUDIO') =>
    t.http().post(`/api/v1/communication/call/${q.id}/request`).set(q.auth).send({ mode, message: 'Please call me' });
  const resolve = (q: DonorQuery, user: TestUser) => t.http().patch(`/api/v1/donor-queries/${q.id}/resolve`).set(user.auth);
  const donorClose = (q: DonorQuery) => t.http().post(`/api/v1/donor-queries/${q.id}/donor-close`).set(q.auth);
  const transfer = (q: DonorQuery, from: TestUser, to: TestUser) =>
    t.http().patch(`/api/v1/donor-queries/${q.id}/transfer`).set(from.auth).send({ toUserId: to.user.id, note: 'Needs calibration expertise' });
  const activeSessions = (queryId: string) => t.prisma.callSession.count({ where: { queryId, status: { not: 'ENDED' } } });
  const history = async (q: DonorQuery) =>
    (await t.http().get(`/api/v1/donor-queries/${q.id}/messages?limit=100`).set(q.auth).expect(200)).body.data.items as Record<string, unknown>[];

  beforeAll(async () => {
    daily = await startDaily();
    t = await createTestApp({ ...dailyEnv(daily), DONOR_REMINDER_SCAN_MS: '0' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await daily.close();
  });

  it('resolving a query ends its active call: the room is deleted, CALL_ENDED written, the donor told and given no token', async () => {
    const { q, a } = await assignedQuery();
    const donor = await t.socket(q.token);
    const call = (await startCall(q, a).expect(201)).body.data as CallStatusEvent;
    const donorHearsEnd = nextMatching<CallStatusEvent>(donor, 'call:status', (e) => e.id === call.id);
    const donorGetsNote = nextMatching<{ messageType: string }>(donor, 'query:message', (m) => m.messageType === 'CALL_ENDED');

    const resolved = await resolve(q, a).expect(200);

    expect(resolved.body.data.status).toBe('RESOLVED');
    expect(dailyRequests(daily, 'DELETE', `/rooms/${call.roomName}`)).toHaveLength(1);
    expect(await donorHearsEnd).toMatchObject({ roomName: call.roomName, status: 'ENDED', token: null });
    expect(await donorGetsNote).toMatchObject({ callSessionId: call.id, callMode: 'AUDIO', content: 'Audio call ended after 0s' });
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: 'ENDED',
      endedAt: expect.any(Date),
      durationSeconds: 0,
    });
    const active = await t.http().get(`/api/v1/communication/call/${q.id}/active`).set(q.auth).expect(404);
    expect(active.body.success).toBe(false);
    expect(await history(q)).toContainEqual(expect.objectContaining({ messageType: 'CALL_ENDED', callSessionId: call.id }));
  });

  it('rolls the call back with the resolve when its last write fails: the call stays active, the request pending', async () => {
    const { q, a } = await assignedQuery();
    const request = (await requestCall(q).expect(201)).body.data as { id: string };
    const call = (await startCall(q, a).expect(201)).body.data as CallStatusEvent;
    // The resolve's SYSTEM message, its last write, fails: after the query's update and the calls'
    // step (CALL_ENDED written, session ended, request cancelled), which must roll back with it.
    await t.prisma.$executeRawUnsafe(
      `CREATE FUNCTION refuse_resolve_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'resolve note refused'; END $$`,
    );
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_resolve_note BEFORE INSERT ON donor_messages FOR EACH ROW WHEN (NEW.query_id = '${q.id}' AND NEW.content LIKE '% resolved the query') EXECUTE FUNCTION refuse_resolve_note()`,
    );
    try {
      const failed = await resolve(q, a).expect(500);
      expect(failed.body).toMatchObject({ success: false, error: 'INTERNAL_ERROR' });
    } finally {
      await t.prisma.$executeRawUnsafe('DROP TRIGGER refuse_resolve_note ON donor_messages');
      await t.prisma.$executeRawUnsafe('DROP FUNCTION refuse_resolve_note()');
    }
    expect(await t.prisma.donorQuery.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: 'IN_PROGRESS', resolvedById: null, resolvedAt: null });
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: 'CREATED', endedAt: null });
    expect(await t.prisma.donorMessage.count({ where: { queryId: q.id, messageType: 'CALL_ENDED' } })).toBe(0);
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'PENDING', respondedAt: null });
    expect(await t.prisma.donorMessage.count({ where: { queryId: q.id, content: { contains: 'cancelled with the query' } } })).toBe(0);
    // What runs after the commit did not run: the room is still there.
    expect(dailyRequests(daily, 'DELETE', `/rooms/${call.roomName}`)).toHaveLength(0);

    // Once the failure is gone, the same resolve succeeds and ends the call.
    const resolved = await resolve(q, a).expect(200);
    expect(resolved.body.data.status).toBe('RESOLVED');
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: 'ENDED', endedAt: expect.any(Date) });
    expect(await t.prisma.donorMessage.count({ where: { queryId: q.id, messageType: 'CALL_ENDED', callSessionId: call.id } })).toBe(1);
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'CANCELLED' });
    expect(dailyRequests(daily, 'DELETE', `/rooms/${call.roomName}`)).toHaveLength(1);
  });

  it('the donor closing the query ends a started call with its duration, and the admin on it hears so', async () => {
    const { q, a } = await assignedQuery();
    const adminSocket = await t.socket(a.token);
    const call = (await startCall(q, a, 'VIDEO').expect(201)).body.data as CallStatusEvent;
    await t.http().put(`/api/v1/communication/call/${call.roomName}/status`).set(a.auth).send({ status: 'STARTED' }).expect(200);
    await t.prisma.callSession.update({ where: { id: call.id }, data: { startedAt: new Date(Date.now() - 65_000) } });
    const adminHearsEnd = nextMatching<CallStatusEvent>(adminSocket, 'call:status', (e) => e.id === call.id && e.status === 'ENDED');

    const closed = await donorClose(q).expect(200);

    expect(closed.body.data.status).toBe('CLOSED_BY_DONOR');
    expect(dailyRequests(daily, 'DELETE', `/rooms/${call.roomName}`)).toHaveLength(1);
    expect(await adminHearsEnd).toMatchObject({ status: 'ENDED', durationSeconds: expect.any(Number) });
    const session = await t.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } });
    expect(session.status).toBe('ENDED');
    expect(session.durationSeconds).toBeGreaterThanOrEqual(65);
    expect(await history(q)).toContainEqual(
      expect.objectContaining({ messageType: 'CALL_ENDED', content: expect.stringMatching(/^Video call ended after 1m \d+s$/) }),
    );
    await t.http().get(`/api/v1/communication/call/${q.id}/active`).set(a.auth).expect(404);
  });

  it('the donor closing the query cancels its pending call request, so it never expires into a missed call', async () => {
    const { q, a } = await assignedQuery();
    const adminSocket = await t.socket(a.token);
    const request = (await requestCall(q).expect(201)).body.data as { id: string };
    const adminHearsCancel = nextMatching<{ id: string; status: string }>(adminSocket, 'call:request_updated', (e) => e.id === request.id);

    await donorClose(q).expect(200);

    expect(await adminHearsCancel).toMatchObject({ status: 'CANCELLED' });
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'CANCELLED', respondedAt: expect.any(Date) });
    await t.prisma.callRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await t.app.get(CommunicationService).expireOverdue();
    expect(await t.prisma.notification.count({ where: { userId: a.user.id, type: 'call.missed' } })).toBe(0);
    expect((await history(q)).map((m) => m.content)).toContain('The audio call request was cancelled with the query');
  });

  it('resolving a query cancels its pending call request, which can then not be accepted', async () => {
    const { q, a } = await assignedQuery();
    const donor = await t.socket(q.token);
    const request = (await requestCall(q, 'SCREEN').expect(201)).body.data as { id: string };
    const donorHearsCancel = nextMatching<{ id: string; status: string }>(donor, 'call:request_updated', (e) => e.id === request.id);

    await resolve(q, a).expect(200);

    expect(await donorHearsCancel).toMatchObject({ status: 'CANCELLED' });
    const accept = await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(a.auth).send({ callRequestId: request.id }).expect(409);
    expect(accept.body.error).toBe('INVALID_QUERY_STATE');
    expect(await activeSessions(q.id)).toBe(0);
  });

  it('refuses a transfer while a call is active (409, nothing changes), and transfers once the call ended', async () => {
    const { q, a } = await assignedQuery();
    const b = await admin();
    const call = (await startCall(q, a).expect(201)).body.data as CallStatusEvent;

    const refused = await transfer(q, a, b).expect(409);

    expect(refused.body.error).toBe('CALL_IN_PROGRESS');
    expect(await t.prisma.donorQuery.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({
      status: 'IN_PROGRESS',
      assignedToId: a.user.id,
      transferNote: null,
    });
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: 'CREATED' });
    expect(dailyRequests(daily, 'DELETE', `/rooms/${call.roomName}`)).toHaveLength(0);
    expect(await t.prisma.donorMessage.count({ where: { queryId: q.id, content: { contains: 'transferred' } } })).toBe(0);

    await t.http().post(`/api/v1/communication/call/${call.roomName}/end`).set(a.auth).expect(200);
    const moved = await transfer(q, a, b).expect(200);
    expect(moved.body.data).toMatchObject({ status: 'TRANSFERRED', assignedToId: b.user.id });
  });

  it('hands a pending call request over with a transfer: the receiver is told and may accept it', async () => {
    const { q, a } = await assignedQuery();
    const b = await admin();
    const receiver = await t.socket(b.token);
    const request = (await requestCall(q).expect(201)).body.data as { id: string };
    const told = nextMatching<{ type: string; data: { callRequestId?: string } }>(receiver, 'notification:new', (n) => n.type === 'call.requested');

    await transfer(q, a, b).expect(200);

    expect(await told).toMatchObject({ title: 'Dana Donor requests an audio call', data: { queryId: q.id, callRequestId: request.id, mode: 'AUDIO' } });
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'PENDING' });
    const accepted = await t.http().post(`/api/v1/communication/call/${q.id}/accept-request`).set(b.auth).send({ callRequestId: request.id }).expect(200);
    expect(accepted.body.data).toMatchObject({ status: 'CREATED', mode: 'AUDIO' });
  });

  it('the expiry sweep expires a pending request left on a closed query without a missed-call notice', async () => {
    const { q, a } = await assignedQuery();
    await resolve(q, a).expect(200);
    // A request left over on a query closed before closing cancelled them.
    const leftover = await t.prisma.callRequest.create({ data: { queryId: q.id, mode: 'AUDIO', expiresAt: new Date(Date.now() - 1000) } });

    await t.app.get(CommunicationService).expireOverdue();

    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: leftover.id } })).toMatchObject({ status: 'EXPIRED' });
    expect(await t.prisma.notification.count({ where: { userId: a.user.id, type: 'call.missed' } })).toBe(0);
    expect(await t.prisma.donorMessage.count({ where: { queryId: q.id, content: { startsWith: 'Missed' } } })).toBe(0);
  });

  it('refuses a call whose room was being created while the query was resolved, and deletes that room', async () => {
    const { q, a } = await assignedQuery();
    let roomAsked!: () => void;
    let letRoomGo!: () => void;
    const asked = new Promise<void>((resolve) => (roomAsked = resolve));
    const go = new Promise<void>((resolve) => (letRoomGo = resolve));
    daily.on('POST', '/rooms', async (req, res) => {
      roomAsked();
      await go;
      await createRoom(daily)(req, res);
    });
    try {
      const calling = startCall(q, a).then((res) => res);
      await asked;
      await resolve(q, a).expect(200);
      letRoomGo();
      const refused = await calling;
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'INVALID_QUERY_STATE', message: expect.stringContaining('meanwhile') });
    } finally {
      daily.on('POST', '/rooms', createRoom(daily));
    }
    const room = dailyRequests(daily, 'POST', '/rooms')
      .map((r) => (r.body as { name: string }).name)
      .find((name) => name.startsWith(`cx-${q.id.slice(0, 8)}`));
    expect(dailyRequests(daily, 'DELETE', `/rooms/${room}`)).toHaveLength(1);
    expect(await t.prisma.callSession.count({ where: { queryId: q.id } })).toBe(0);
  });

  it('never leaves a call or a request alive on a query closed by a racing request', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { q, a } = await assignedQuery();
      const [call] = await Promise.all([startCall(q, superAdmin), resolve(q, a)]);
      expect([201, 409]).toContain(call.status);
      expect(await activeSessions(q.id)).toBe(0);
      if (call.status === 201) expect(dailyRequests(daily, 'DELETE', `/rooms/${call.body.data.roomName}`)).toHaveLength(1);

      const other = await newQuery();
      const [request] = await Promise.all([requestCall(other), donorClose(other)]);
      expect([201, 409]).toContain(request.status);
      expect(await t.prisma.callRequest.count({ where: { queryId: other.id, status: 'PENDING' } })).toBe(0);
    }
  });
});
