import { generateKeyPairSync } from 'node:crypto';
import { NotificationsService } from '../../src/modules/notifications/notifications.service.js';
import { eventually } from './eventually.js';
import type { Socket } from 'socket.io-client';
import { nextMatching } from './socket.js';
import { sendJson, StandInServer, startStandInServer } from './stand-in-server.js';
import type { TestApp, TestUser } from './test-app.js';

export const FCM_PROJECT = 'cx-notification-kinds';
const SEND_PATH = `/v1/projects/${FCM_PROJECT}/messages:send`;

/** The one shape of `notification:new`, `GET /notifications` items included. */
export const NOTIFICATION_FIELDS = ['body', 'createdAt', 'data', 'id', 'read', 'readAt', 'title', 'type'];

export interface Notification {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, string>;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

type PushMessage = { message: { token: string; notification: { title: string; body: string }; data: Record<string, string> } };

/** A Firebase service account (JSON, as FIREBASE_SERVICE_ACCOUNT takes it) with a fresh key, for the FCM stand-ins. */
export function fcmServiceAccount(project: string): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key: privateKey,
    client_email: `push@${project}.iam.gserviceaccount.com`,
    token_uri: 'https://oauth2.googleapis.com/token',
  });
}

/** A stand-in of Google's OAuth token endpoint and the FCM v1 send API, and the env that points firebase-admin at it. */
export async function startFcm(): Promise<{ server: StandInServer; env: Record<string, string>; pushes: () => PushMessage[] }> {
  const server = await startStandInServer({
    'POST /token': (_req, res) => sendJson(res, 200, { access_token: 'ya29.stand-in', expires_in: 3600, token_type: 'Bearer' }),
    [`POST ${SEND_PATH}`]: (_req, res) => sendJson(res, 200, { name: `projects/${FCM_PROJECT}/messages/${Date.now()}` }),
  });
  return {
    server,
    env: { FIREBASE_SERVICE_ACCOUNT: fcmServiceAccount(FCM_PROJECT), FIREBASE_API_ORIGIN: server.url },
    pushes: () => server.requests.filter((r) => r.path === SEND_PATH).map((r) => r.body as PushMessage),
  };
}

/** The next `notification:new` of one type (others are skipped), or a rejection after `timeoutMs`. */
export const nextNotification = (socket: Socket, type: string, timeoutMs = 3_000): Promise<Notification> =>
  nextMatching<Notification>(socket, 'notification:new', (payload) => payload.type === type, timeoutMs);

/** Gives a user a device token (as PUT /users/me/fcm-token would). */
export async function withDevice(t: TestApp, user: TestUser): Promise<string> {
  const device = `device-${user.user.id}`;
  await t.prisma.user.update({ where: { id: user.user.id }, data: { fcmToken: device } });
  return device;
}

/**
 * Runs `trigger` and checks that `recipient` was notified of `type` the one way: the socket got
 * `notification:new` in the one shape, the row is stored (GET /notifications shows it, the unread
 * count moved by what arrived), and FCM got it through firebase-admin with the same id.
 */
export async function expectNotified(
  t: TestApp,
  fcm: { pushes: () => PushMessage[] },
  recipient: TestUser,
  type: string,
  trigger: () => Promise<unknown>,
): Promise<Notification> {
  const device = await withDevice(t, recipient);
  const unread = async () => (await t.http().get('/api/v1/notifications/unread-count').set(recipient.auth).expect(200)).body.data.unread as number;
  const before = await unread();
  const socket = await t.socket(recipient.token);
  const arrived: Notification[] = [];
  socket.on('notification:new', (payload: Notification) => arrived.push(payload));
  let live: Notification;
  try {
    await trigger();
    live = await eventually(
      () => {
        const found = arrived.find((n) => n.type === type);
        if (!found) throw new Error(`No ${type} notification reached the socket (got: ${arrived.map((n) => n.type).join(', ') || 'nothing'})`);
        return found;
      },
      { what: `a ${type} notification on the socket` },
    );
  } finally {
    socket.disconnect();
  }
  expect(Object.keys(live).sort()).toEqual(NOTIFICATION_FIELDS);
  expect(live).toMatchObject({ type, read: false, readAt: null, title: expect.any(String), body: expect.any(String) });
  expect(live.title.length).toBeGreaterThan(0);
  for (const value of Object.values(live.data)) expect(typeof value).toBe('string');

  const listed = await t.http().get('/api/v1/notifications?unread=true&limit=100').set(recipient.auth).expect(200);
  expect(listed.body.data.items).toContainEqual(live);
  expect(await unread()).toBe(before + arrived.length);

  await t.app.get(NotificationsService).settled();
  const pushed = fcm.pushes().find((push) => push.message.token === device && push.message.data.notificationId === live.id);
  expect(pushed?.message).toMatchObject({ notification: { title: live.title, body: live.body }, data: { ...live.data, type } });
  return live;
}
