/**
 * `npm run bench:ab -- <dir> <dir>…`: compares the CPU each build of this server spends per
 * authenticated-list request (GET /conversations, 20 rows, as `npm run bench` sends it). Each <dir> is a
 * checkout with its own built dist/ (e.g. a `git worktree` of an older commit after `npm run build`).
 *
 * Every round loads all builds at the same time for AB_SECONDS, with all of them on one core and the
 * load generator on the other (Linux, `taskset`), and reads each server's CPU time from /proc. A slow
 * moment of a shared machine then slows every build alike, so each round's ratio to the first build is
 * steady where separate runs are not: on the 2-core machines here, a ratio against the baseline
 * (`npm run bench`) or CPU per request measured one build after another moved by ±15–30 % between runs.
 * Prints, per build, the median CPU per request and the median (min–max) of its per-round ratio to the
 * first build. AB_ROUNDS (15), AB_SECONDS (6). The Node.js running this script runs the servers too.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { BENCH_PASSWORD, seedBenchData } from './data.mjs';
import { BROWSER_HEADERS, cpuMs, freePort, spread, startProcess } from './lib.mjs';

const ROUNDS = Number(process.env.AB_ROUNDS ?? 15);
const SECONDS = Number(process.env.AB_SECONDS ?? 6);
const dirs = process.argv.slice(2).map((dir) => path.resolve(dir));
if (dirs.length < 2) throw new Error('usage: npm run bench:ab -- <checkout with dist/> <checkout with dist/>…');

const lastCore = String(os.availableParallelism() - 1);
const pin = (pid, cores) => execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
pin(process.pid, lastCore === '0' ? '0' : `0-${Number(lastCore) - 1}`);

const admin = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `cx_bench_ab_${randomBytes(4).toString('hex')}`;
const onAdmin = async (sql) => {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(sql);
  await client.end();
};
await onAdmin(`CREATE DATABASE "${name}"`);
const databaseUrl = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
const servers = [];
try {
  const { migrateDatabase } = await import(path.join(dirs[0], 'dist/infra/database/migrate.js'));
  await migrateDatabase(databaseUrl);
  const data = await seedBenchData(databaseUrl, { listUsers: 1, chatUsers: 0 });
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    NODE_ENV: 'production',
    THROTTLE_LIMIT: '100000000',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'false',
  };
  for (const dir of dirs) {
    const port = await freePort();
    const proc = await startProcess([path.join(dir, 'dist/main.js')], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}/api/v1/health/ready`, {
      logFile: path.join(os.tmpdir(), `cx-bench-ab-${port}.log`),
    });
    pin(proc.child.pid, lastCore);
    servers.push({ dir, proc, url: `http://127.0.0.1:${port}/api/v1/conversations?limit=20`, samples: [] });
  }
  const login = await fetch(servers[0].url.replace(/conversations.*/, 'auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: data.listUsers[0].email, password: BENCH_PASSWORD }),
  });
  const headers = { ...BROWSER_HEADERS, authorization: `Bearer ${(await login.json()).data.token}` };
  const loadAll = (duration) => Promise.all(servers.map((server) => autocannon({ url: server.url, headers, connections: 16, duration })));

  await loadAll(3); // warm-up
  for (let round = 0; round < ROUNDS; round += 1) {
    const cpuBefore = await Promise.all(servers.map((server) => cpuMs(server.proc.child.pid)));
    const results = await loadAll(SECONDS);
    for (const [i, server] of servers.entries()) {
      const failed = results[i].non2xx + results[i].errors + results[i].timeouts;
      if (failed) throw new Error(`${server.dir}: ${failed} failed requests`);
      server.samples.push(((await cpuMs(server.proc.child.pid)) - cpuBefore[i]) / results[i].requests.total);
    }
  }
  for (const server of servers) {
    const cpu = spread(server.samples);
    const ratio = spread(server.samples.map((sample, round) => sample / servers[0].samples[round]));
    console.log(
      `${server.dir}: ${(cpu.median * 1000).toFixed(0)} µs CPU/request; ` +
        `× ${ratio.median.toFixed(3)} (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}) of the first, over ${ROUNDS} rounds`,
    );
  }
} finally {
  for (const server of servers) await server.proc.stop();
  await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
