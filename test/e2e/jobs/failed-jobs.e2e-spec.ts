import { fcmServiceAccount } from '../../support/notifications.js';
import { NotificationsService } from '../../../src/modules/notifications/notifications.service.js';
import { sendJson, StandInServer, startStandInServer } from '../../support/stand-in-server.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

const PROJECT = 'cx-jobs-test';
const SEND_PATH = `/v1/projects/${PROJECT}/messages:send`;
const DEVICE = 'fcm-device-token-of-the-target';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface FailedJobItem {
  id: string;
  queue: string;
  jobId: string;
  summary: Record<string, unknown>;
  error: string;
  attempts: number;
  failedAt: string;
}

describe('Background jobs: retries and the failed list', () => {
  let t: TestApp;
  let google: StandInServer;
  let admin: TestUser;
  let target: TestUser;
  let fcmUp = false;

  const sendsToTarget = () => google.requests.filter((r) => r.path === SEND_PATH && (r.body as { message: { token: string } }).message.token === DEVICE).length;
  const settled = () => t.app.get(NotificationsService).settled();
  const failedPushes = async (): Promise<FailedJobItem[]> =>
    (await t.http().get('/api/v1/jobs/failed?queue=push&limit=100').set(admin.auth).expect(200)).body.data.items as FailedJobItem[];
  /** A donor query notifies every admin; only the target has a device, so its push is the one that fails. */
  const failOnePush = async (): Promise<FailedJobItem> => {
    fcmUp = false;
    const before = new Set((await failedPushes()).map((job) => job.id));
    await t.http().post('/api/v1/donor-queries').send({ donor: 'Nia', donorId: 'N-1', test: 'Vision', message: 'Help please' }).expect(201);
    await settled();
    const added = (await failedPushes()).filter((job) => !before.has(job.id));
    expect(added).toHaveLength(1);
    return added[0];
  };
  const retry = (id: string, user: TestUser = admin) => t.http().post(`/api/v1/jobs/failed/${id}/retry`).set(user.auth);

  beforeAll(async () => {
    google = await startStandInServer({
      'POST /token': (_req, res) => sendJson(res, 200, { access_token: 'ya29.stand-in', expires_in: 3600, token_type: 'Bearer' }),
      [`POST ${SEND_PATH}`]: (_req, res) =>
        fcmUp
          ? sendJson(res, 200, { name: `projects/${PROJECT}/messages/1` })
          : sendJson(res, 500, { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }),
    });
    t = await createTestApp({
      FIREBASE_SERVICE_ACCOUNT: fcmServiceAccount(PROJECT),
      FIREBASE_API_ORIGIN: google.url,
      DONOR_REMINDER_SCAN_MS: '0',
      JOB_BACKOFF_MS: '10',
    });
    admin = await t.createUser({ role: 'ADMIN' });
    target = await t.createUser({ role: 'ADMIN' });
    await t.prisma.user.update({ where: { id: target.user.id }, data: { fcmToken: DEVICE } });
  });
  afterAll(async () => {
    await t.close();
    await google.close();
  });

  it('retries a failing push with back-off, then lists it as failed without its secrets', async () => {
    const failed = await failOnePush();
    expect(sendsToTarget()).toBe(5);
    expect(failed).toMatchObject({ queue: 'push', attempts: 5, summary: { userId: target.user.id, title: 'New donor query', type: 'query.new' } });
    expect(failed.error).toMatch(/did not accept/);
    expect(new Date(failed.failedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(failed).not.toHaveProperty('payload');
    expect(JSON.stringify(failed)).not.toContain(DEVICE);
  });

  it('runs a failed job again once it is retried, and only once', async () => {
    const failed = await failOnePush();
    const before = sendsToTarget();
    fcmUp = true;
    const res = await retry(failed.id).expect(200);
    expect(res.body.data).toMatchObject({ id: failed.id, queue: 'push', jobId: expect.any(String) });
    await settled();
    expect(sendsToTarget()).toBe(before + 1);
    expect((await failedPushes()).map((job) => job.id)).not.toContain(failed.id);

    const again = await retry(failed.id).expect(409);
    expect(again.body).toMatchObject({ success: false, error: 'JOB_ALREADY_RETRIED' });
  });

  it('lets exactly one of two racing retries win', async () => {
    const failed = await failOnePush();
    const before = sendsToTarget();
    fcmUp = true;
    const results = await Promise.all([retry(failed.id), retry(failed.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await settled();
    expect(sendsToTarget()).toBe(before + 1);
  });

  it('is for admins only, answers 404 for an unknown job and 400 for bad input', async () => {
    const failed = await failOnePush();
    for (const role of ['SUPPORT_AGENT', 'AGENT', 'CLIENT'] as const) {
      const other = await t.createUser({ role });
      await t.http().get('/api/v1/jobs/failed').set(other.auth).expect(403);
      await retry(failed.id, other).expect(403);
    }
    await t.http().get('/api/v1/jobs/failed').expect(401);
    const superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
    const page = await t.http().get('/api/v1/jobs/failed?limit=1').set(superAdmin.auth).expect(200);
    expect(page.body.data).toMatchObject({ page: 1, limit: 1, items: [expect.objectContaining({ id: failed.id })] });
    expect(page.body.data.total).toBeGreaterThanOrEqual(1);
    expect((await t.http().get('/api/v1/jobs/failed?queue=mail').set(admin.auth).expect(200)).body.data).toMatchObject({ items: [], total: 0 });

    const missing = await retry(NO_SUCH_ID).expect(404);
    expect(missing.body).toMatchObject({ success: false, error: 'NOT_FOUND' });
    expect((await retry('not-a-uuid').expect(400)).body.success).toBe(false);
    expect((await t.http().get('/api/v1/jobs/failed?limit=1000').set(admin.auth).expect(400)).body.error).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/jobs/failed?queue=No%20Such!').set(admin.auth).expect(400)).body.error).toBe('VALIDATION_FAILED');
  });
});
