import { randomUUID } from 'node:crypto';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { GracefulShutdown } from '../../../src/bootstrap/shutdown.js';
import { PrismaService } from '../../../src/infra/database/prisma.service.js';
import { defineQueue, JobQueue } from '../../../src/infra/queue/job-queue.js';
import { QueueModule } from '../../../src/infra/queue/queue.module.js';
import { eventually } from '../../support/eventually.js';
import { findTestRedis } from '../../support/redis.js';
import { connectSocket } from '../../support/socket.js';
import { createTestApp } from '../../support/test-app.js';
import { adminQuery, readHarness, withDatabase } from '../../support/test-database.js';

const SLOW_QUEUE = defineQueue<{ ms: number }>('lifecycle-slow', { attempts: 1, concurrency: 1 });

/** A job that is still running when the shutdown begins, and needs the database at its very end. */
@Injectable()
class SlowJobs implements OnModuleInit {
  readonly started: string[] = [];
  readonly finished: { id: string; users: number }[] = [];
  readonly failed: string[] = [];

  constructor(
    private readonly queue: JobQueue,
    private readonly prisma: PrismaService,
  ) {}

  onModuleInit(): void {
    this.queue.process(SLOW_QUEUE, async ({ ms }, job) => {
      this.started.push(job.id);
      await new Promise((resolve) => setTimeout(resolve, ms));
      try {
        this.finished.push({ id: job.id, users: await this.prisma.user.count() });
      } catch (error) {
        this.failed.push((error as Error).message);
        throw error;
      }
    });
  }
}

@Module({ imports: [QueueModule], providers: [SlowJobs] })
class SlowJobsModule {}

const redisUrl = await findTestRedis();

describe('The shutdown order', () => {
  const cases: [string, Record<string, string>][] = [['in-process queue', {}]];
  const prefix = `cx-test-shutdown-${randomUUID().slice(0, 8)}:`;
  if (redisUrl) cases.push(['BullMQ on Redis', { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }]);

  afterAll(async () => {
    if (!redisUrl) return;
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it.each(cases)(
    'lets the job in progress finish with the database before the pool closes (%s), and disconnects sockets reconnectably',
    async (_label, env) => {
      const t = await createTestApp(env, [SlowJobsModule]);
      const jobs = t.app.get(SlowJobs);
      const user = await t.createUser();
      const socket = await connectSocket(t.baseUrl, user.token);
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      try {
        await t.app.get(JobQueue).add(SLOW_QUEUE, { ms: 600 });
        await eventually(() => expect(jobs.started).toHaveLength(1), { intervalMs: 20, what: 'the slow job to start' });

        const exitCode = await new Promise<number>((resolve) => void new GracefulShutdown(t.app, { graceMs: 10_000, exit: resolve }).run('test shutdown'));

        expect(exitCode).toBe(0);
        expect(jobs.failed).toEqual([]);
        expect(jobs.finished).toEqual([{ id: jobs.started[0], users: expect.any(Number) }]);
        // A lost transport, which socket.io clients reconnect after; not "io server disconnect", after which they stay away.
        await expect(disconnected).resolves.toBe('transport close');
      } finally {
        socket.disconnect();
        const { serverUrl } = readHarness();
        const name = new URL(t.databaseUrl).pathname.slice(1);
        await adminQuery(withDatabase(serverUrl, 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    },
    60_000,
  );
});
