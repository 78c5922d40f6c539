import pg from 'pg';
import { toErrorBody } from '../../../src/common/http/error-body.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaService } from '../../../src/infra/database/prisma.service.js';
import { createTestDatabase } from '../../support/test-database.js';

type Query = (...args: unknown[]) => unknown;
interface ClientInternals {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
}

/** Records every time a pg client is handed a query while it still has one running or queued. */
function watchOverlappingQueries() {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  const overlaps: string[] = [];
  proto.query = function (this: ClientInternals, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) overlaps.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 80));
    return original.apply(this, args);
  };
  return { overlaps, restore: () => (proto.query = original) };
}

describe('The database pool', () => {
  const TIMEOUT_MS = 400;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = AppConfig.fromEnv(
      { NODE_ENV: 'test', DATABASE_POOL_SIZE: '2', DATABASE_TIMEOUT_MS: String(TIMEOUT_MS) },
      { databaseUrl: database.url, jwtSecret: 'x'.repeat(40) },
    );
    prisma = new PrismaService(config);
    await prisma.onModuleInit();
  });

  afterAll(async () => {
    await prisma.onModuleDestroy();
    await database.drop();
  });

  it('never hands one connection two queries at once, even when Prisma reads an include side by side in a transaction', async () => {
    const user = await prisma.user.create({ data: { name: 'Overlap', passwordHash: 'x', email: `overlap-${Date.now()}@test.cx` } });
    const watch = watchOverlappingQueries();
    try {
      const found = await prisma.$transaction(async (tx) => {
        const [viaInclude, counted, raw] = await Promise.all([
          tx.user.findUnique({ where: { id: user.id }, include: { agentProfile: true, clientProfile: true, donorMessages: true, sentDirectMessages: true } }),
          tx.user.count({ where: { id: user.id } }),
          tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`,
        ]);
        return { viaInclude, counted, raw };
      });
      expect(found.viaInclude).toMatchObject({ id: user.id, agentProfile: null, clientProfile: null, donorMessages: [], sentDirectMessages: [] });
      expect(found.counted).toBe(1);
      expect(found.raw).toEqual([{ one: 1 }]);
    } finally {
      watch.restore();
    }
    expect(watch.overlaps).toEqual([]);
  });

  it('gives up on a query that gets no answer within DATABASE_TIMEOUT_MS, as a 503, on the pool and through Prisma', async () => {
    for (const slow of [
      () => prisma.pool.query('SELECT pg_sleep(3)'),
      () => prisma.$queryRaw`SELECT pg_sleep(3)`,
      () => prisma.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(3)`),
    ]) {
      const started = performance.now();
      const error = await slow().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      const waited = performance.now() - started;
      expect(toErrorBody(error)).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
      expect(waited).toBeLessThan(TIMEOUT_MS + 1_000);
    }
    // The connections that timed out were dropped, not handed to the next caller mid-query.
    await expect(prisma.pool.query('SELECT 2 AS two')).resolves.toMatchObject({ rows: [{ two: 2 }] });
    await expect(prisma.user.count()).resolves.toBeGreaterThanOrEqual(0);
  });

  it('frees the pool slot of a connection that died inside a transaction (Prisma never releases it)', async () => {
    for (let round = 0; round < 2; round += 1) {
      const error = await prisma
        .$transaction(async (tx) => tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`)
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(toErrorBody(error)).toMatchObject({ statusCode: 503 });
    }
    // Both slots of the pool (DATABASE_POOL_SIZE=2) are free again.
    const clients = await Promise.all([prisma.pool.connect(), prisma.pool.connect()]);
    for (const client of clients) client.release();
  });

  it('gives up waiting for a free connection after DATABASE_TIMEOUT_MS, as a 503', async () => {
    const held = await Promise.all([prisma.pool.connect(), prisma.pool.connect()]);
    try {
      for (const waitForConnection of [() => prisma.pool.query('SELECT 1'), () => prisma.user.count()]) {
        const started = performance.now();
        const error = await waitForConnection().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(toErrorBody(error)).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
        expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
      }
    } finally {
      for (const client of held) client.release();
    }
    await expect(prisma.user.count()).resolves.toBeGreaterThanOrEqual(0);
  });
});
