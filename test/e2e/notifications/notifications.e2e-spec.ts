import { fcmServiceAccount } from '../../support/notifications.js';
import { DomainEvents } from '../../../src/common/events/domain-events.js';
import { NotificationsService } from '../../../src/modules/notifications/notifications.service.js';
import { nextEvent } from '../../support/socket.js';
import { RecordedRequest, sendJson, StandInServer, startStandInServer } from '../../support/stand-in-server.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

const PROJECT = 'cx-push-test';
const SEND_PATH = `/v1/projects/${PROJECT}/messages:send`;
const DEAD_TOKEN = 'fcm-token-that-was-uninstalled';

/** A stand-in of Google's OAuth token endpoint and the FCM v1 send API. */
async function startGoogle(): Promise<StandInServer> {
  return startStandInServer({
    'POST /token': (_req, res) => sendJson(res, 200, { access_token: 'ya29.stand-in', expires_in: 3600, token_type: 'Bearer' }),
    [`POST ${SEND_PATH}`]: (req, res) => {
      const { message } = req.body as { message: { token: string } };
      if (message.token === DEAD_TOKEN) {
        return sendJson(res, 404, {
          error: {
            code: 404,
            message: 'Requested entity was not found.',
            status: 'NOT_FOUND',
            details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
          },
        });
      }
      sendJson(res, 200, { name: `projects/${PROJECT}/messages/${Date.now()}` });
    },
  });
}

describe('Notifications and push', () => {
  let t: TestApp;
  let google: StandInServer;
  let admin: TestUser;

  const sends = (): RecordedRequest[] => google.requests.filter((r) => r.path === SEND_PATH);
  const createQuery = () => t.http().post('/api/v1/donor-queries').send({ donor: 'Nia', donorId: 'N-1', test: 'Vision', message: 'Help please' }).expect(201);

  beforeAll(async () => {
    google = await startGoogle();
    t = await createTestApp({ FIREBASE_SERVICE_ACCOUNT: fcmServiceAccount(PROJECT), FIREBASE_API_ORIGIN: google.url, DONOR_REMINDER_SCAN_MS: '0' });
    admin = await t.createUser({ role: 'ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await google.close();
  });

  it('pushes through firebase-admin to every admin with a device token, connected or not, with the notification id', async () => {
    const offline = await t.createUser({ role: 'ADMIN' });
    const online = await t.createUser({ role: 'ADMIN' });
    await t.prisma.user.update({ where: { id: offline.user.id }, data: { fcmToken: 'fcm-offline-device' } });
    await t.prisma.user.update({ where: { id: online.user.id }, data: { fcmToken: 'fcm-online-device' } });
    const socket = await t.socket(online.token);
    const live = nextEvent<{ id: string; type: string }>(socket, 'notification:new');

    const created = await createQuery();
    const shown = await live;
    expect(shown.type).toBe('query.new');
    await t.app.get(NotificationsService).settled();

    const pushed = sends().map((r) => r.body as { message: { token: string; notification: { title: string; body: string }; data: Record<string, string> } });
    expect(pushed.map((p) => p.message.token).sort()).toEqual(['fcm-offline-device', 'fcm-online-device']);
    const toOnline = pushed.find((p) => p.message.token === 'fcm-online-device')!;
    expect(toOnline.message.notification.title).toBe('New donor query');
    // The app that also got it over its socket recognises the same notification.
    expect(toOnline.message.data).toMatchObject({ type: 'query.new', queryId: created.body.data.query.id, notificationId: shown.id });
    const send = sends()[0];
    expect(send.headers.authorization).toBe('Bearer ya29.stand-in');
    const tokenRequest = google.requests.find((r) => r.path === '/token')!;
    expect(tokenRequest.rawBody).toContain('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer');
  });

  it('reports a token FCM calls unregistered so the users module can forget it', async () => {
    const stale = await t.createUser({ role: 'ADMIN' });
    await t.prisma.user.update({ where: { id: stale.user.id }, data: { fcmToken: DEAD_TOKEN } });
    const reported: { userId: string; token: string }[] = [];
    t.app.get(DomainEvents).on('push.token-invalid', (payload) => {
      reported.push(payload);
    });
    await createQuery();
    await t.app.get(NotificationsService).settled();
    expect(reported).toEqual([{ userId: stale.user.id, token: DEAD_TOKEN }]);
  });

  it('lists my notifications, counts and marks them read', async () => {
    await createQuery();
    await createQuery();
    const list = await t.http().get('/api/v1/notifications?limit=2').set(admin.auth).expect(200);
    expect(list.body.data).toMatchObject({ page: 1, limit: 2 });
    expect(list.body.data.total).toBeGreaterThanOrEqual(2);
    expect(list.body.data.items[0]).toMatchObject({ type: 'query.new', read: false, readAt: null });
    expect(list.body.data.items[0]).not.toHaveProperty('userId');

    const unread = (await t.http().get('/api/v1/notifications/unread-count').set(admin.auth).expect(200)).body.data.unread as number;
    const first = list.body.data.items[0].id as string;
    const marked = await t.http().patch(`/api/v1/notifications/${first}/read`).set(admin.auth).expect(200);
    expect(marked.body.data.read).toBe(true);
    expect((await t.http().get('/api/v1/notifications/unread-count').set(admin.auth).expect(200)).body.data.unread).toBe(unread - 1);
    const onlyUnread = await t.http().get('/api/v1/notifications?unread=true&limit=100').set(admin.auth).expect(200);
    expect(onlyUnread.body.data.items.map((n: { id: string }) => n.id)).not.toContain(first);

    const all = await t.http().patch('/api/v1/notifications/read-all').set(admin.auth).expect(200);
    expect(all.body.data.updated).toBe(unread - 1);
    expect((await t.http().get('/api/v1/notifications/unread-count').set(admin.auth).expect(200)).body.data.unread).toBe(0);
  });

  it("keeps other users' notifications private and refuses bad input", async () => {
    const someoneElse = await t.createUser({ role: 'AGENT' });
    const mine = await t.prisma.notification.findFirstOrThrow({ where: { userId: admin.user.id } });
    await t.http().patch(`/api/v1/notifications/${mine.id}/read`).set(someoneElse.auth).expect(404);
    await t.http().patch('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read').set(admin.auth).expect(404);
    const bad = await t.http().patch('/api/v1/notifications/nope/read').set(admin.auth).expect(400);
    expect(bad.body.success).toBe(false);
    expect((await t.http().get('/api/v1/notifications?unread=maybe').set(admin.auth).expect(400)).body.error).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/notifications?limit=1000').set(admin.auth).expect(400)).body.error).toBe('VALIDATION_FAILED');
    await t.http().get('/api/v1/notifications').expect(401);
    const agentList = await t.http().get('/api/v1/notifications').set(someoneElse.auth).expect(200);
    expect(agentList.body.data.total).toBe(0);
  });
});
