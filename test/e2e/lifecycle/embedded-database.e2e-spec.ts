import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '../../support/eventually.js';
import { childPids, isRunning, postmasterPid } from '../../support/postgres-processes.js';
import { freePort, spawnServer, SpawnedServer } from '../../support/spawned-server.js';

const run = promisify(execFile);
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * The embedded default as an operator meets it: one data folder, the real entry point, and the
 * server process or its PostgreSQL killed, frozen and restarted under it.
 */
describe('The embedded PostgreSQL across crashes', () => {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'cx-lifecycle-'));
  const dataDir = path.join(dataRoot, 'postgres');
  let dbPort: number;
  let server: SpawnedServer | undefined;
  const env = () => ({
    DATA_DIR: dataRoot,
    EMBEDDED_DB_PORT: String(dbPort),
    BCRYPT_ROUNDS: '4',
    THROTTLE_LIMIT: '100000',
    DATABASE_TIMEOUT_MS: String(DATABASE_TIMEOUT_MS),
  });
  const faqs = async (target: SpawnedServer) => {
    const started = performance.now();
    const res = await fetch(`${target.url}/api/v1/faqs?search=password`);
    return { status: res.status, body: (await res.json()) as { error?: string }, ms: performance.now() - started };
  };

  /** The server of the previous test, or a new one when this test runs alone. */
  const running = async (): Promise<SpawnedServer> => {
    if (!server || server.process.exitCode !== null) server = await spawnServer(env(), 180_000);
    return server;
  };

  beforeAll(async () => {
    dbPort = await freePort();
  });

  afterAll(async () => {
    if (server?.process.exitCode === null) await server.stop('SIGTERM');
    const orphan = postmasterPid(dataDir);
    if (orphan && isRunning(orphan)) process.kill(orphan, 'SIGINT');
    await eventually(() => !orphan || !isRunning(orphan), { timeoutMs: 15_000, intervalMs: 50, what: 'the test PostgreSQL to stop' }).catch(() => undefined);
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('starts again after kill -9: the next start stops the PostgreSQL the crashed run left behind', async () => {
    server = await spawnServer(env(), 180_000);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const orphan = postmasterPid(dataDir)!;
      server.process.kill('SIGKILL');
      await new Promise((resolve) => server!.process.once('exit', resolve));
      expect(isRunning(orphan)).toBe(true); // left running by the killed server

      server = await spawnServer(env(), 60_000);
      expect(server.output()).toContain(`The embedded PostgreSQL of a previous run (pid ${orphan}) is still running`);
      expect(isRunning(orphan)).toBe(false);
      expect(postmasterPid(dataDir)).not.toBe(orphan);
      expect((await faqs(server)).status).toBe(200);
    }
  }, 300_000);

  it('restarts its PostgreSQL when it dies, says so on /health/ready, and recovers without a process restart', async () => {
    const target = await running();
    const nodePid = target.process.pid;
    const postmaster = postmasterPid(dataDir)!;
    // A child of the dead postmaster that lingers keeps its shared memory in use: restarts fail until it is gone.
    const [lingering] = childPids(postmaster);
    process.kill(lingering, 'SIGSTOP');
    try {
      process.kill(postmaster, 'SIGKILL');
      let ready: { error?: string; details?: { field: string; message: string }[] } = {};
      await eventually(
        async () => {
          const res = await fetch(`${target.url}/api/v1/health/ready`);
          ready = (await res.json()) as typeof ready;
          return res.status === 503 && /^restarting: attempt [2-9]/.test(ready.details?.[0]?.message ?? '');
        },
        { timeoutMs: 30_000, intervalMs: 50, what: 'readiness to report a restart in progress' },
      );
      expect(ready).toMatchObject({
        error: 'NOT_READY',
        details: [{ field: 'database', message: expect.stringMatching(/^restarting: attempt \d+ of 10 after: /) }],
      });
      const down = await faqs(target);
      expect(down).toMatchObject({ status: 503, body: { error: 'DATABASE_UNAVAILABLE' } });
    } finally {
      process.kill(lingering, 'SIGKILL');
    }
    await eventually(async () => (await fetch(`${target.url}/api/v1/health/ready`)).status === 200, {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'the database to be back',
    });
    expect((await faqs(target)).status).toBe(200);
    expect(target.process.pid).toBe(nodePid);
    expect(target.process.exitCode).toBeNull();
    expect(target.output()).toMatch(/Embedded PostgreSQL stopped unexpectedly \(signal SIGKILL.*\): restarting it/);
    expect(target.output()).toMatch(/Embedded PostgreSQL restart attempt 1 of 10 failed: .*shared memory block/);
    expect(target.output()).toMatch(/Embedded PostgreSQL is back after [\d.]+ s \(attempt \d+\)/);

    // Killed outright: back on the first attempt.
    const killedAt = performance.now();
    process.kill(postmasterPid(dataDir)!, 'SIGKILL');
    await eventually(async () => (await fetch(`${target.url}/api/v1/health/ready`)).status === 503, {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'readiness to notice',
    });
    await eventually(async () => (await faqs(target)).status === 200, { timeoutMs: 30_000, intervalMs: 50, what: 'the API to recover' });
    console.log(`embedded PostgreSQL killed -> API answering again after ${((performance.now() - killedAt) / 1000).toFixed(1)} s`);
  }, 300_000);

  it(`answers 503 within DATABASE_TIMEOUT_MS while its PostgreSQL is frozen, and recovers when it resumes`, async () => {
    const target = await running();
    const postmaster = postmasterPid(dataDir)!;
    const frozen = [postmaster, ...childPids(postmaster)];
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await faqs(target);
        expect(answer).toMatchObject({ status: 503, body: { error: 'DATABASE_UNAVAILABLE' } });
        expect(answer.ms).toBeLessThan(DATABASE_TIMEOUT_MS + 1_500);
      }
      const ready = await fetch(`${target.url}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
    await eventually(async () => (await faqs(target)).status === 200, { timeoutMs: 30_000, intervalMs: 50, what: 'the API to recover' });
    expect((await fetch(`${target.url}/api/v1/health/ready`)).status).toBe(200);
  }, 240_000);

  it('stops its PostgreSQL on SIGTERM and exits 0', async () => {
    const target = await running();
    const postmaster = postmasterPid(dataDir)!;
    await expect(target.stop('SIGTERM')).resolves.toBe(0);
    expect(isRunning(postmaster)).toBe(false);
    expect(postmasterPid(dataDir)).toBeUndefined();
  }, 240_000);

  it('refuses to start on a port another program holds, with one line naming the port and EMBEDDED_DB_PORT', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const held = (holder.address() as net.AddressInfo).port;
    const freshRoot = mkdtempSync(path.join(os.tmpdir(), 'cx-lifecycle-port-'));
    try {
      const result = await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LOG_LEVEL: 'warn',
          PORT: String(await freePort()),
          DATA_DIR: freshRoot,
          EMBEDDED_DB_PORT: String(held),
        },
        timeout: 30_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^Start-up failed: Port ${held} .*EMBEDDED_DB_PORT`))]);
    } finally {
      holder.close();
      rmSync(freshRoot, { recursive: true, force: true });
    }
  }, 60_000);
});
