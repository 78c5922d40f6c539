import http from 'node:http';
import pg from 'pg';
import { JwtService } from '@nestjs/jwt';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Socket } from 'socket.io-client';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaClient } from '../../../src/generated/prisma/client.js';
import { eventually } from '../../support/eventually.js';
import { type RawResponse, rawGet } from '../../support/raw-http.js';
import { connectSocket } from '../../support/socket.js';
import { spawnServer, SpawnedServer } from '../../support/spawned-server.js';
import { createTestDatabase } from '../../support/test-database.js';

const JWT_SECRET = 'graceful-shutdown-secret-that-is-long-enough-0123';
const CONCURRENT = 250;

type Outcome = 'answered' | 'refused while draining' | 'failed';

/** An accepted request either gets its answer or, arriving once the drain began, a clean 503 to retry elsewhere. */
function classify(response: RawResponse): Outcome {
  if (response.error) return 'failed';
  if (response.status === 200) return 'answered';
  const body = response.body as { success?: boolean; error?: string } | undefined;
  const cleanRefusal =
    response.status === 503 &&
    body?.success === false &&
    (body.error === 'SHUTTING_DOWN' || body.error === 'NOT_READY') &&
    response.headers?.connection === 'close' &&
    response.headers?.['retry-after'] !== undefined;
  return cleanRefusal ? 'refused while draining' : 'failed';
}

describe('SIGTERM drains the server', () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: SpawnedServer | undefined;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) });
    try {
      const user = await prisma.user.create({ data: { email: 'drain@test.cx', name: 'Drain', role: 'CUSTOMER', status: 'ACTIVE', passwordHash: 'not-used' } });
      const tokens = new AccessTokenService(new JwtService(), AppConfig.fromEnv({}, { databaseUrl: database.url, jwtSecret: JWT_SECRET }));
      token = tokens.sign({ id: user.id, role: user.role, status: user.status });
    } finally {
      await prisma.$disconnect();
    }
  });

  afterAll(async () => {
    if (server?.process.exitCode === null) server.process.kill('SIGKILL');
    await database.drop();
  });

  it(`answers every accepted request of ${CONCURRENT} in flight, closes sockets reconnectably, and exits 0 within SHUTDOWN_GRACE_SECONDS`, async () => {
    server = await spawnServer(
      { DATABASE_URL: database.url, JWT_SECRET, THROTTLE_LIMIT: '1000000', SHUTDOWN_GRACE_SECONDS: '10', DATABASE_POOL_SIZE: '4' },
      60_000,
    );
    const { url } = server;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT + 10, maxFreeSockets: CONCURRENT + 10 });
    try {
      // Open the connections first, so that every request below travels on a connection the server accepted.
      const warm = await Promise.all(Array.from({ length: CONCURRENT + 1 }, () => rawGet(agent, `${url}/api/v1/health`)));
      expect(warm.map((response) => response.status)).toEqual(Array(CONCURRENT + 1).fill(200));
      const socket: Socket = await connectSocket(url, token);
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

      const auth = { authorization: `Bearer ${token}` };
      const paths = ['/api/v1/conversations?limit=20', '/api/v1/users/me', '/api/v1/faqs?search=password', '/api/v1/health/ready'];
      let sigtermSent = false;
      const exited = new Promise<number | null>((resolve) => server!.process.once('exit', (code) => resolve(code)));
      const responses = await new Promise<RawResponse[]>((resolve) => {
        const pending = Array.from({ length: CONCURRENT }, (_, i) =>
          rawGet(agent, `${url}${paths[i % paths.length]}`, auth).then((response) => {
            // Mid-flight: the first answer is back, the others are still on their way.
            if (!sigtermSent) {
              sigtermSent = true;
              server!.process.kill('SIGTERM');
            }
            return response;
          }),
        );
        void Promise.all(pending).then(resolve);
      });

      const outcomes = responses.map(classify);
      const failed = responses.filter((response) => classify(response) === 'failed');
      expect(failed).toEqual([]);
      expect(outcomes.filter((outcome) => outcome === 'answered').length).toBeGreaterThan(0);
      expect(responses).toHaveLength(CONCURRENT);
      // A lost transport, not a server "disconnect": the client reconnects by itself.
      await expect(disconnected).resolves.toBe('transport close');
      socket.disconnect();

      await expect(exited).resolves.toBe(0);
      expect(server.output()).not.toMatch(/did not finish|Shutdown failed|Cannot use a pool|Unhandled error/);
      console.log(
        `SIGTERM under ${CONCURRENT} concurrent requests: ${failed.length} failed / ${CONCURRENT}; ` +
          `${outcomes.filter((o) => o === 'answered').length} answered, ${outcomes.filter((o) => o === 'refused while draining').length} refused with 503 + Retry-After`,
      );
    } finally {
      agent.destroy();
    }
  }, 90_000);

  it('reports not ready as soon as the drain starts, refuses new connections and new requests (503 to retry), and still finishes a slow request in flight', async () => {
    // Generous database bounds: the requests below wait on a table lock for as long as the test holds it.
    const POOL = 2;
    server = await spawnServer(
      {
        DATABASE_URL: database.url,
        JWT_SECRET,
        THROTTLE_LIMIT: '1000000',
        DATABASE_POOL_SIZE: String(POOL),
        DATABASE_TIMEOUT_MS: '30000',
        SHUTDOWN_GRACE_SECONDS: '20',
      },
      60_000,
    );
    const { url } = server;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const other = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const fresh = new http.Agent({ keepAlive: false });
    const slowAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const lock = new pg.Client({ connectionString: database.url });
    await lock.connect();
    try {
      // Two keep-alive connections, open before the drain and idle when it starts.
      expect((await rawGet(agent, `${url}/api/v1/health/ready`)).status).toBe(200);
      expect((await rawGet(other, `${url}/api/v1/faqs`)).status).toBe(200);
      expect((await rawGet(slowAgent, `${url}/api/v1/users/me`, { authorization: `Bearer ${token}` })).status).toBe(200);
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      // Every authenticated request reads its user, so this one waits in flight until the lock is released.
      const slow = rawGet(slowAgent, `${url}/api/v1/users/me`, { authorization: `Bearer ${token}` });
      await eventually(
        async () => {
          const { rows } = await lock.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          expect(rows[0].waiting).toBeGreaterThan(0);
        },
        { intervalMs: 20, what: 'the request to wait on the lock' },
      );
      const exited = new Promise<number | null>((resolve) => server!.process.once('exit', (code) => resolve(code)));
      server.process.kill('SIGTERM');

      // The listener closes once the drain has begun: new connections are refused...
      await eventually(async () => expect((await rawGet(fresh, `${url}/api/v1/health`)).error).toBe('ECONNREFUSED'), {
        intervalMs: 5,
        what: 'the listener to close',
      });
      // ...while a connection already open gets readiness 503, told to close and when to retry.
      const ready = await rawGet(agent, `${url}/api/v1/health/ready`);
      expect(ready).toMatchObject({ status: 503, body: { success: false, error: 'NOT_READY', details: [{ field: 'server', message: 'shutting down' }] } });
      expect(ready.headers).toMatchObject({ connection: 'close', 'retry-after': expect.stringMatching(/^\d+$/) });
      // Any other new request is refused in the error envelope, told to close and when to retry.
      const refused = await rawGet(other, `${url}/api/v1/faqs`);
      expect(refused).toMatchObject({ status: 503, body: { success: false, statusCode: 503, error: 'SHUTTING_DOWN', requestId: expect.any(String) } });
      expect(refused.headers).toMatchObject({ connection: 'close', 'retry-after': expect.stringMatching(/^\d+$/) });

      await lock.query('COMMIT');
      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.headers?.connection).toBe('close');
      await expect(exited).resolves.toBe(0);
    } finally {
      await lock.end();
      agent.destroy();
      other.destroy();
      slowAgent.destroy();
    }
  }, 90_000);
});
