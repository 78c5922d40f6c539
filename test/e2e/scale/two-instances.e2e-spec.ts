import { fcmServiceAccount } from '../../support/notifications.js';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import { PrismaPg } from '@prisma/adapter-pg';
import bcrypt from 'bcrypt';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaClient, type User } from '../../../src/generated/prisma/client.js';
import type { UserRole } from '../../../src/generated/prisma/enums.js';
import { SCHEDULES_QUEUE } from '../../../src/infra/queue/job-queue.js';
import { type PresenceChange, USERS_ONLINE_EVENT } from '../../../src/modules/users/user-presence.js';
import { eventually } from '../../support/eventually.js';
import { findTestRedis } from '../../support/redis.js';
import { connectSocket, emitWithAck, nextEvent } from '../../support/socket.js';
import { spawnServer, SpawnedServer } from '../../support/spawned-server.js';
import { sendJson, StandInServer, startStandInServer } from '../../support/stand-in-server.js';
import { createTestDatabase } from '../../support/test-database.js';

const redisUrl = await findTestRedis();
const JWT_SECRET = 'two-instance-secret-that-is-long-enough-0123456789';
const PROJECT = 'cx-two-instances';
const SEND_PATH = `/v1/projects/${PROJECT}/messages:send`;
const STALLED_AFTER_MS = 3_000;

// Needs a Redis server; a machine without one (a fresh laptop) runs the rest of the suite.
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('two-instance tests skipped: no Redis at TEST_REDIS_URL or 127.0.0.1:6379');

const waitFor = (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => eventually(condition, { timeoutMs, intervalMs: 100, what });

describeWithRedis('Two instances on one PostgreSQL and one Redis', () => {
  let database: { url: string; drop: () => Promise<void> };
  let prisma: PrismaClient;
  let tokens: AccessTokenService;
  let google: StandInServer;
  let a: SpawnedServer;
  let b: SpawnedServer;
  const sockets: Socket[] = [];
  const namespace = `cx-test-${randomUUID().slice(0, 8)}`;

  // The stand-in FCM holds every send until the gate opens, so that pushes are in flight or queued when an instance dies.
  let gateOpen = true;
  const held: (() => void)[] = [];
  const delivered: string[] = [];
  const refused = new Set<string>();
  const attemptsFor = (device: string) =>
    google.requests.filter((r) => r.path === SEND_PATH && (r.body as { message: { token: string } }).message.token === device).length;

  // The global rate limit (6 per client IP, shared through Redis) belongs to the first test; the
  // other tests present a client address of their own per request, as clients behind the proxy would.
  let clientIp = 0;
  const asClient = () => ({ 'x-forwarded-for': `10.8.${Math.floor(++clientIp / 250)}.${clientIp % 250}` });
  const api = (server: SpawnedServer, method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...asClient(),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
  const createUser = async (role: UserRole, fcmToken?: string): Promise<{ user: User; token: string }> => {
    const user = await prisma.user.create({
      data: { email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.cx`, name: role, role, status: 'ACTIVE', passwordHash: 'not-used', fcmToken },
    });
    return { user, token: tokens.sign({ id: user.id, role: user.role, status: user.status }) };
  };
  const createQuery = async (through: SpawnedServer): Promise<{ id: string }> => {
    const res = await api(through, 'POST', '/donor-queries', {
      body: { donor: 'Nia', donorId: `N-${randomUUID().slice(0, 6)}`, test: 'Vision', message: 'Help please' },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: { query: { id: string } } }).data.query;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
    tokens = new AccessTokenService(new JwtService(), AppConfig.fromEnv({}, { databaseUrl: database.url, jwtSecret: JWT_SECRET }));
    google = await startStandInServer({
      'POST /token': (_req, res) => sendJson(res, 200, { access_token: 'ya29.stand-in', expires_in: 3600, token_type: 'Bearer' }),
      [`POST ${SEND_PATH}`]: (req, res: ServerResponse) => {
        let aborted = false;
        res.once('close', () => (aborted = !res.writableFinished));
        const answer = () => {
          if (aborted || res.destroyed) return; // the instance that sent it died: the push was not made
          delivered.push((req.body as { message: { token: string } }).message.token);
          sendJson(res, 200, { name: `projects/${PROJECT}/messages/${delivered.length}` });
        };
        if (refused.has((req.body as { message: { token: string } }).message.token))
          sendJson(res, 500, { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } });
        else if (gateOpen) answer();
        else held.push(answer);
      },
    });
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      JWT_SECRET,
      THROTTLE_LIMIT: '6',
      TRUST_PROXY: '127.0.0.1',
      REDIS_KEY_PREFIX: `${namespace}:`,
      FIREBASE_SERVICE_ACCOUNT: fcmServiceAccount(PROJECT),
      FIREBASE_API_ORIGIN: google.url,
      DONOR_REMINDER_AFTER_SECONDS: '1',
      DONOR_ESCALATE_AFTER_SECONDS: '86400',
      DONOR_REMINDER_SCAN_MS: '300',
      JOB_BACKOFF_MS: '200',
      JOB_STALLED_AFTER_MS: String(STALLED_AFTER_MS),
    };
    [a, b] = await Promise.all([spawnServer(env, 60_000), spawnServer(env, 60_000)]);
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    gateOpen = true;
    for (const answer of held.splice(0)) answer();
    await Promise.all([a?.stop(), b?.stop()]);
    await prisma?.$disconnect();
    await google?.close();
    await database?.drop();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      await redis.quit();
    }
  }, 30_000);

  it('counts the global rate limit across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const target = i % 2 === 0 ? a : b;
      statuses.push((await fetch(`${target.url}/docs-json`)).status);
    }
    // The 7th request overall is refused although each instance has served only 3.
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('delivers a donor query posted through instance A to a staff socket on instance B', async () => {
    const staff = await createUser('SUPPORT_AGENT');
    const socket = await connectSocket(b.url, staff.token);
    sockets.push(socket);
    const arrives = nextEvent<{ id: string; donor: string }>(socket, 'query:new', 5_000);
    const query = await createQuery(a);
    expect(await arrives).toMatchObject({ id: query.id, donor: 'Nia' });
  });

  it('sends a scheduled reminder once, with both instances running the scheduler', async () => {
    const assignee = await createUser('ADMIN');
    const query = await createQuery(b);
    expect((await api(a, 'PATCH', `/donor-queries/${query.id}/accept`, { token: assignee.token })).status).toBe(200);

    const reminders = () => prisma.queryReminder.count({ where: { queryId: query.id, kind: 'AUTO' } });
    await waitFor(async () => (await reminders()) > 0, 15_000, 'the automatic reminder');
    // Many more passes (every 300 ms) go by; none reminds this wait again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await reminders()).toBe(1);
    const notified = await prisma.notification.findMany({ where: { userId: assignee.user.id, type: 'query.reminder' } });
    expect(notified).toHaveLength(1);
    expect(notified[0].data).toMatchObject({ queryId: query.id });

    // One job scheduler per schedule in Redis, however many instances registered it.
    const schedules = new Queue(SCHEDULES_QUEUE, { connection: { url: redisUrl! }, prefix: `${namespace}:bull` });
    const ids = (await schedules.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
    await schedules.close();
    expect(ids).toEqual(['call-request-expiry', 'chat-answer-recovery', 'donor-query-reminders', 'faq-usage-fold', 'gigs-sweep', 'proctoring-session-sweep']);
  });

  /**
   * How many sockets of `room` the other instance reported each time one instance counted them
   * (socket.io's Redis adapter asks over `…-request#/#` and gets the answer over `…-response#/#…`).
   */
  async function watchSocketCounts(room: string): Promise<{ answers: number[]; close: () => Promise<void> }> {
    const redis = new Redis(redisUrl!);
    const asked = new Set<string>();
    const answers: number[] = [];
    redis.on('pmessage', (_pattern: string, channel: string, message: string) => {
      let parsed: { requestId?: string; opts?: { rooms?: string[] }; sockets?: unknown[] };
      try {
        parsed = JSON.parse(message) as typeof parsed;
      } catch {
        return; // other traffic (broadcasts) is not JSON
      }
      if (!parsed.requestId) return;
      if (channel.startsWith(`${namespace}:socket.io-request#`) && parsed.opts?.rooms?.includes(room)) asked.add(parsed.requestId);
      else if (channel.startsWith(`${namespace}:socket.io-response#`) && asked.has(parsed.requestId) && parsed.sockets) answers.push(parsed.sockets.length);
    });
    await redis.psubscribe(`${namespace}:socket.io-request#*`, `${namespace}:socket.io-response#*`);
    return {
      answers,
      close: async () => {
        await redis.quit();
      },
    };
  }

  it('keeps a user with sockets on both instances online until the last one disconnects, and tells staff on the other instance', async () => {
    const staff = await createUser('SUPPORT_AGENT');
    const member = await createUser('AGENT');
    const watcher = await connectSocket(a.url, staff.token);
    sockets.push(watcher);
    const changes: PresenceChange[] = [];
    watcher.on(USERS_ONLINE_EVENT, (change: PresenceChange) => {
      if (change.userId === member.user.id) changes.push(change);
    });
    const isOnline = async () => (await prisma.user.findUniqueOrThrow({ where: { id: member.user.id } })).isOnline;

    const onA = await connectSocket(a.url, member.token);
    sockets.push(onA);
    await waitFor(() => changes.length === 1, 5_000, 'the user to come online');
    expect(changes[0]).toMatchObject({ isOnline: true });
    // A second socket is no news (checked with the whole list of changes at the end).
    const onB = await connectSocket(b.url, member.token);
    sockets.push(onB);

    // A counts the user's sockets on both instances: B answers through the Redis adapter. Once B
    // has answered with its socket, A has nothing left to do and the user stays online.
    const counts = await watchSocketCounts(`user:${member.user.id}`);
    try {
      onA.disconnect();
      await waitFor(() => counts.answers.length > 0, 15_000, "B to answer A's count of the user's sockets");
    } finally {
      await counts.close();
    }
    expect(counts.answers).toEqual([1]);
    expect(await isOnline()).toBe(true);
    expect(changes).toHaveLength(1);

    onB.disconnect();
    await waitFor(() => changes.length === 2, 15_000, 'staff to hear the user went offline');
    expect(changes[1]).toMatchObject({ userId: member.user.id, isOnline: false, role: 'AGENT' });
    expect(await isOnline()).toBe(false);
    expect(changes.map((change) => change.isOnline)).toEqual([true, false]);
  });

  describe('the realtime surface', () => {
    const PASSWORD = 'Correct-Horse-42!';
    type Viewers = { queryId: string; viewers: { id: string; name: string }[] };
    const byName = (viewers: Viewers['viewers']) => [...viewers].sort((x, y) => x.name.localeCompare(y.name));
    const person = async (role: UserRole, name: string) => {
      const user = await prisma.user.create({
        data: {
          email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.cx`,
          name,
          role,
          status: 'ACTIVE',
          passwordHash: await bcrypt.hash(PASSWORD, 4),
        },
      });
      return { user, token: tokens.sign({ id: user.id, role: user.role, status: user.status }) };
    };
    const socketOn = async (server: SpawnedServer, token: string) => {
      const socket = await connectSocket(server.url, token);
      sockets.push(socket);
      return socket;
    };

    it('shares query:viewers: staff on A and on B see each other, and a disconnect on B is seen on A', async () => {
      const query = await createQuery(a);
      const [ada, bo] = [await person('ADMIN', 'Ada'), await person('SUPPORT_AGENT', 'Bo')];
      const onA = await socketOn(a, ada.token);
      const onB = await socketOn(b, bo.token);

      expect(await emitWithAck(onA, 'query:join', { queryId: query.id })).toEqual({
        success: true,
        data: { queryId: query.id, viewers: [{ id: ada.user.id, name: 'Ada' }] },
      });
      const seenOnA = nextEvent<Viewers>(onA, 'query:viewers', 5_000);
      const joined = await emitWithAck<{ data: Viewers }>(onB, 'query:join', { queryId: query.id });
      const both = [
        { id: ada.user.id, name: 'Ada' },
        { id: bo.user.id, name: 'Bo' },
      ];
      expect(byName(joined.data.viewers)).toEqual(both);
      expect(byName((await seenOnA).viewers)).toEqual(both);

      const afterLeave = nextEvent<Viewers>(onA, 'query:viewers', 5_000);
      onB.disconnect();
      expect(await afterLeave).toEqual({ queryId: query.id, viewers: [{ id: ada.user.id, name: 'Ada' }] });
    });

    it('closes the sockets on B of a user who changed their password through A', async () => {
      const agent = await person('AGENT', 'Cy');
      const onB = await socketOn(b, agent.token);
      const ended = nextEvent<{ reason: string }>(onB, 'auth:session_ended', 8_000);
      const closed = nextEvent<string>(onB, 'disconnect', 8_000);
      // Tokens carry whole seconds: change the password a second later, so the old token is strictly older.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(
        (await api(a, 'PATCH', '/users/me/password', { token: agent.token, body: { currentPassword: PASSWORD, newPassword: 'Purple-Otter-Sings-77' } })).status,
      ).toBe(204);
      expect(await ended).toEqual({ reason: 'password_changed' });
      expect(await closed).toBe('io server disconnect');
    });

    it('counts chat messages of one user against one limit, over HTTP on A and the socket on B', async () => {
      const customer = await person('CUSTOMER', 'Dee');
      const conversation = (
        (await (await api(a, 'POST', '/conversations', { token: customer.token, body: { title: 'Help' } })).json()) as { data: { id: string } }
      ).data;
      for (let i = 0; i < 60; i += 1) {
        expect((await api(a, 'POST', `/conversations/${conversation.id}/messages`, { token: customer.token, body: { content: `message ${i}` } })).status).toBe(
          201,
        );
      }
      const onB = await socketOn(b, customer.token);
      expect(await emitWithAck(onB, 'message:new', { conversationId: conversation.id, content: 'over the limit' })).toMatchObject({
        success: false,
        statusCode: 429,
      });
    }, 60_000);
  });

  it('retries a failing push with back-off on Redis, lists it as failed once, and runs it again on retry', async () => {
    const admin = await createUser('ADMIN');
    const device = 'fcm-device-refused';
    refused.add(device);
    await createUser('ADMIN', device);
    await createQuery(a);

    type Failed = { id: string; queue: string; attempts: number; summary: Record<string, unknown> };
    const listFailed = async () =>
      ((await (await api(b, 'GET', '/jobs/failed?queue=push', { token: admin.token })).json()) as { data: { items: Failed[] } }).data.items;
    await waitFor(async () => (await listFailed()).length > 0, 20_000, 'the push to land in the failed list');
    const [failed, ...others] = await listFailed();
    expect(others).toEqual([]);
    expect(failed).toMatchObject({ queue: 'push', attempts: 5 });
    expect(attemptsFor(device)).toBe(5);
    expect(JSON.stringify(failed)).not.toContain(device);

    refused.delete(device);
    const retried = await api(a, 'POST', `/jobs/failed/${failed.id}/retry`, { token: admin.token });
    expect(retried.status).toBe(200);
    await waitFor(() => delivered.includes(device), 10_000, 'the retried push');
    expect(await listFailed()).toEqual([]);
  }, 40_000);

  it('loses no queued job when an instance is killed: the other instance runs them', async () => {
    const devices = Array.from({ length: 10 }, (_, i) => `fcm-device-${i}`);
    for (const device of devices) await createUser('ADMIN', device);
    gateOpen = false;
    await createQuery(a);
    // Each instance runs 4 pushes at once: with 8 held, A holds 4 in flight, and 2 more wait in Redis.
    await waitFor(() => held.length >= 8, 15_000, 'both instances to be sending');
    expect(await a.stop('SIGKILL')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    gateOpen = true;
    for (const answer of held.splice(0)) answer();

    // A's jobs come back once their lock lapses (JOB_STALLED_AFTER_MS), and B runs them.
    await waitFor(() => devices.every((device) => delivered.includes(device)), 6 * STALLED_AFTER_MS + 10_000, 'pushes to all devices');
    // Each device exactly once: no job lost, none run twice.
    expect(delivered.filter((device) => devices.includes(device)).sort()).toEqual([...devices].sort());
    expect(await prisma.failedJob.count({ where: { status: 'FAILED' } })).toBe(0);
    // B is still answering.
    expect((await api(b, 'GET', '/health/ready')).status).toBe(200);
  }, 60_000);
});
