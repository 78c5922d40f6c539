import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { PrismaPg } from '@prisma/adapter-pg';
import bcrypt from 'bcrypt';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaClient, type User } from '../../../src/generated/prisma/client.js';
import type { UserRole } from '../../../src/generated/prisma/enums.js';
import { findTestRedis } from '../../support/redis.js';
import { connectSocket, emitWithAck, nextEvent } from '../../support/socket.js';
import { spawnServer, SpawnedServer } from '../../support/spawned-server.js';
import { createTestDatabase } from '../../support/test-database.js';

const redisUrl = await findTestRedis();
const JWT_SECRET = 'realtime-two-instance-secret-long-enough-0123456789';
const PASSWORD = 'Correct-Horse-42!';
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('two-instance realtime tests skipped: no Redis at TEST_REDIS_URL or 127.0.0.1:6379');

type Viewers = { queryId: string; viewers: { id: string; name: string }[] };

/** The realtime surface behaves as one server when two instances share PostgreSQL and Redis. */
describeWithRedis('Realtime across two instances', () => {
  let database: { url: string; drop: () => Promise<void> };
  let prisma: PrismaClient;
  let tokens: AccessTokenService;
  let a: SpawnedServer;
  let b: SpawnedServer;
  const sockets: Socket[] = [];
  const namespace = `cx-test-rt-${randomUUID().slice(0, 8)}`;
  let clientIp = 0;

  const api = (server: SpawnedServer, method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'x-forwarded-for': `10.9.${Math.floor(++clientIp / 250)}.${clientIp % 250}`,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
  const createUser = async (role: UserRole, name: string): Promise<{ user: User; token: string }> => {
    const user = await prisma.user.create({
      data: { email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.cx`, name, role, status: 'ACTIVE', passwordHash: await bcrypt.hash(PASSWORD, 4) },
    });
    return { user, token: tokens.sign({ id: user.id, role: user.role, status: user.status }) };
  };
  const socketOn = async (server: SpawnedServer, token: string) => {
    const socket = await connectSocket(server.url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
    tokens = new AccessTokenService(new JwtService(), AppConfig.fromEnv({}, { databaseUrl: database.url, jwtSecret: JWT_SECRET }));
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, JWT_SECRET, TRUST_PROXY: '127.0.0.1', REDIS_KEY_PREFIX: `${namespace}:`, BCRYPT_ROUNDS: '4' };
    [a, b] = await Promise.all([spawnServer(env, 60_000), spawnServer(env, 60_000)]);
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await prisma?.$disconnect();
    await database?.drop();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      for (let cursor = '0'; ; ) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      await redis.quit();
    }
  }, 30_000);

  it('shares query:viewers: staff on A and on B see each other, and a disconnect on B is seen on A', async () => {
    const query = ((await (await api(a, 'POST', '/donor-queries', { body: { donor: 'Nia', donorId: 'N-7', test: 'Vision', message: 'Help' } })).json()) as { data: { query: { id: string } } })
      .data.query;
    const ada = await createUser('ADMIN', 'Ada');
    const bo = await createUser('SUPPORT_AGENT', 'Bo');
    const onA = await socketOn(a, ada.token);
    const onB = await socketOn(b, bo.token);

    expect(await emitWithAck(onA, 'query:join', { queryId: query.id })).toEqual({ success: true, data: { queryId: query.id, viewers: [{ id: ada.user.id, name: 'Ada' }] } });
    const seenOnA = nextEvent<Viewers>(onA, 'query:viewers', 5_000);
    const joined = await emitWithAck<{ data: Viewers }>(onB, 'query:join', { queryId: query.id });
    const both = [
      { id: ada.user.id, name: 'Ada' },
      { id: bo.user.id, name: 'Bo' },
    ];
    expect([...joined.data.viewers].sort((x, y) => x.name.localeCompare(y.name))).toEqual(both);
    expect([...(await seenOnA).viewers].sort((x, y) => x.name.localeCompare(y.name))).toEqual(both);

    const afterLeave = nextEvent<Viewers>(onA, 'query:viewers', 5_000);
    onB.disconnect();
    expect(await afterLeave).toEqual({ queryId: query.id, viewers: [{ id: ada.user.id, name: 'Ada' }] });
  });

  it('closes the sockets on B of a user who changed their password through A', async () => {
    const agent = await createUser('AGENT', 'Cy');
    const onB = await socketOn(b, agent.token);
    const ended = nextEvent<{ reason: string }>(onB, 'auth:session_ended', 8_000);
    const closed = nextEvent<string>(onB, 'disconnect', 8_000);
    // Tokens carry whole seconds: change the password a second later, so the old token is strictly older.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await api(a, 'PATCH', '/users/me/password', { token: agent.token, body: { currentPassword: PASSWORD, newPassword: 'Purple-Otter-Sings-77' } })).status).toBe(204);
    expect(await ended).toEqual({ reason: 'password_changed' });
    expect(await closed).toBe('io server disconnect');
  });

  it('counts chat messages of one user against one limit, over HTTP on A and the socket on B', async () => {
    const customer = await createUser('CUSTOMER', 'Dee');
    const conversation = ((await (await api(a, 'POST', '/conversations', { token: customer.token, body: { title: 'Help' } })).json()) as { data: { id: string } }).data;
    for (let i = 0; i < 60; i += 1) {
      expect((await api(a, 'POST', `/conversations/${conversation.id}/messages`, { token: customer.token, body: { content: `message ${i}` } })).status).toBe(201);
    }
    const onB = await socketOn(b, customer.token);
    expect(await emitWithAck(onB, 'message:new', { conversationId: conversation.id, content: 'over the limit' })).toMatchObject({ success: false, statusCode: 429 });
  }, 60_000);
});
