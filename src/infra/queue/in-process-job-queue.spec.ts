import { Logger } from '@nestjs/common';
import type { FailedJobsRepository, NewFailedJob } from './failed-jobs.repository.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { defineQueue } from './job-queue.js';

function setup() {
  const recorded: NewFailedJob[] = [];
  const failedJobs = { record: (job: NewFailedJob) => Promise.resolve(void recorded.push(job)) } as unknown as FailedJobsRepository;
  return { queue: new InProcessJobQueue(failedJobs, 5), recorded };
}

describe('InProcessJobQueue', () => {
  beforeAll(() => Logger.overrideLogger(false));
  it('retries with back-off and lands in the failed list after the last attempt, payload summarised', async () => {
    const { queue, recorded } = setup();
    const mail = defineQueue<{ to: string; code: string }>('mail', { attempts: 3 });
    const attempts: number[] = [];
    const times: number[] = [];
    queue.process(mail, (_payload, job) => {
      attempts.push(job.attempt);
      times.push(Date.now());
      return Promise.reject(new Error('SMTP down'));
    });
    queue.onApplicationBootstrap();
    await queue.add(mail, { to: 'a@b.cx', code: '123456' });
    await queue.idle(mail);
    expect(attempts).toEqual([1, 2, 3]);
    // Each retry waits at least its back-off (5 ms, then 10 ms; a timer may fire up to 1 ms early by the clock).
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(4);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(9);
    expect(recorded).toEqual([
      expect.objectContaining({
        queue: 'mail',
        error: 'SMTP down',
        attempts: 3,
        payload: { to: 'a@b.cx', code: '123456' },
        summary: { to: 'a@b.cx', code: '[redacted]' },
      }),
    ]);
    await queue.onModuleDestroy();
  });

  it('runs a job that succeeds on a retry once, and records nothing', async () => {
    const { queue, recorded } = setup();
    const q = defineQueue<{ n: number }>('flaky', { attempts: 3 });
    let runs = 0;
    queue.process(q, () => (++runs === 1 ? Promise.reject(new Error('once')) : Promise.resolve()));
    queue.onApplicationBootstrap();
    await queue.add(q, { n: 1 });
    await queue.idle(q);
    expect(runs).toBe(2);
    expect(recorded).toEqual([]);
    await queue.onModuleDestroy();
  });

  it('holds jobs until the application has booted, and never runs more than the concurrency at once', async () => {
    const { queue } = setup();
    const q = defineQueue<{ n: number }>('busy', { concurrency: 2 });
    let running = 0;
    let most = 0;
    const done: number[] = [];
    queue.process(q, async ({ n }) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      done.push(n);
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => queue.add(q, { n })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toEqual([]);
    queue.onApplicationBootstrap();
    await queue.idle(q);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    await queue.onModuleDestroy();
  });

  it('queues a failed job again by queue name, and refuses an unknown queue', async () => {
    const { queue } = setup();
    const q = defineQueue<{ n: number }>('again');
    const seen: number[] = [];
    queue.process(q, ({ n }) => Promise.resolve(void seen.push(n)));
    queue.onApplicationBootstrap();
    await queue.addByName('again', { n: 7 });
    await queue.idle(q);
    expect(seen).toEqual([7]);
    expect(() => queue.addByName('nope', {})).toThrow('No queue named "nope"');
    await queue.onModuleDestroy();
  });

  it('runs a schedule on its interval without overlapping runs', async () => {
    const { queue } = setup();
    let runs = 0;
    let overlapping = false;
    let running = false;
    queue.schedule('tick', 5, async () => {
      overlapping ||= running;
      running = true;
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 12));
      running = false;
    });
    queue.onApplicationBootstrap();
    for (let waited = 0; runs < 3 && waited < 5_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.onModuleDestroy();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(overlapping).toBe(false);
  });
});
