import { randomUUID } from 'node:crypto';
import { findTestRedis } from '../../support/redis.js';
import { spawnServer, SpawnedServer } from '../../support/spawned-server.js';
import { createTestDatabase } from '../../support/test-database.js';

const redisUrl = await findTestRedis();
const JWT_SECRET = 'two-instance-secret-that-is-long-enough-0123456789';

// Needs a Redis server; a machine without one (a fresh laptop) runs the rest of the suite.
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('two-instance tests skipped: no Redis at TEST_REDIS_URL or 127.0.0.1:6379');

describeWithRedis('Two instances on one PostgreSQL and one Redis', () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: SpawnedServer;
  let b: SpawnedServer;
  const namespace = `cx-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, JWT_SECRET, THROTTLE_LIMIT: '6', REDIS_KEY_PREFIX: `${namespace}:` };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

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
});
