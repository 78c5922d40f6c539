/**
 * `npm run bench`: starts the built server (dist/) and a bare Fastify + pg baseline
 * (bench/baseline-server.mjs, the same SQL per route) against one PostgreSQL, loads both with the same
 * requests, and writes bench/results.md with each scenario next to the baseline measured in the same
 * run. PostgreSQL: BENCH_DATABASE_URL, else the machine's 127.0.0.1:5432, else an embedded one.
 * Redis (for the two-instance fan-out): BENCH_REDIS_URL, else 127.0.0.1:6379 when it answers.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { BENCH_PASSWORD, CHAT_QUESTION, FAQ_COUNT, seedBenchData } from './data.mjs';
import { measureFanout } from './fanout.mjs';
import { canConnect, freePort, load, rssMb, startProcess } from './lib.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';
const rows = [];
const fmt = (m, unit) => {
  if (m === undefined) return '—';
  if (unit === 'req/s') return `${Math.round(m.rps)} req/s · p50 ${m.p50} ms · p99 ${m.p99} ms${m.failures ? ` · ${m.failures} non-2xx` : ''}`;
  if (unit === 'latency') return `p50 ${m.p50.toFixed(1)} ms · p99 ${m.p99.toFixed(1)} ms (${m.delivered} deliveries${m.missing ? `, ${m.missing} missing` : ''})`;
  return `${m.value.toFixed(1)} ${unit}`;
};
function record(scenario, nest, baseline, unit = 'req/s', note = '') {
  rows.push({ scenario, nest, baseline, unit, note });
  console.log(`${scenario}: ${fmt(nest, unit)}  |  baseline ${fmt(baseline, unit)}`);
}
function ratio({ nest, baseline, unit }) {
  if (!nest || !baseline) return '';
  if (unit === 'req/s') return `${((nest.rps / baseline.rps) * 100).toFixed(0)}% of baseline throughput`;
  if (unit === 'latency') return `p50 ${(nest.p50 / baseline.p50).toFixed(2)}×, p99 ${(nest.p99 / baseline.p99).toFixed(2)}× baseline`;
  return `${(nest.value / baseline.value).toFixed(2)}× baseline`;
}

async function database() {
  const admin = process.env.BENCH_DATABASE_URL ?? ((await canConnect(5432)) ? 'postgresql://postgres@127.0.0.1:5432/postgres' : undefined);
  if (admin) {
    const name = `cx_bench_${randomBytes(4).toString('hex')}`;
    const run = async (sql) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await run(`CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), label: `PostgreSQL at ${url.host}`, drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  const { startEmbeddedPostgres } = await import('../dist/infra/database/embedded-postgres.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-pg-'));
  chmodSync(dir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort() });
  return { url: embedded.url, label: 'embedded PostgreSQL 18', drop: async () => { await embedded.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

async function redisUrl() {
  if (process.env.BENCH_REDIS_URL) return process.env.BENCH_REDIS_URL;
  return (await canConnect(6379)) ? 'redis://127.0.0.1:6379' : undefined;
}

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function login(baseUrl, email) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

/** The same request mix for both servers: `pick()` returns one request's parts. */
function requestsFor(pick) {
  return [{ setupRequest: (request) => ({ ...request, ...pick() }) }];
}

async function compare(scenario, nestUrl, baseUrl, options, note) {
  const nest = await load(nestUrl, { duration: DURATION, ...options });
  const base = await load(baseUrl, { duration: DURATION, ...options });
  record(scenario, nest, base, 'req/s', note);
}

async function main() {
  const db = await database();
  const redis = await redisUrl();
  const { migrateDatabase } = await import('../dist/infra/database/migrate.js');
  await migrateDatabase(db.url);
  const benchUsers = await seedBenchData(db.url);
  const env = {
    DATABASE_URL: db.url,
    JWT_SECRET,
    NODE_ENV: 'production',
    THROTTLE_LIMIT: '100000000',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'false',
  };
  const nestPort = await freePort();
  const basePort = await freePort();
  const nestUrl = `http://127.0.0.1:${nestPort}`;
  const baseUrl = `http://127.0.0.1:${basePort}`;
  const nest = await startProcess(['dist/main.js'], { ...env, PORT: String(nestPort) }, `${nestUrl}/api/v1/health/ready`);
  const base = await startProcess(['bench/baseline-server.mjs'], { ...env, PORT: String(basePort) }, `${baseUrl}/api/v1/health/ready`);
  try {
    record('start to ready, external database', { value: nest.readyMs }, { value: base.readyMs }, 'ms');
    const users = [];
    for (const user of benchUsers) users.push({ ...user, token: await login(nestUrl, user.email) });
    const anyUser = () => users[Math.floor(Math.random() * users.length)];

    await compare('health: GET /health/ready (SELECT 1)', `${nestUrl}/api/v1/health/ready`, `${baseUrl}/api/v1/health/ready`, {});

    await compare('authenticated list: GET /conversations (20 of the caller\'s)', `${nestUrl}/api/v1/conversations?limit=20`, `${baseUrl}/api/v1/conversations`, {
      requests: requestsFor(() => ({ headers: { authorization: `Bearer ${anyUser().token}` } })),
    });

    const words = ['password', 'refund', 'invoice schedule', 'verify phone', 'export document', 'tax receipt'];
    await compare(`FAQ search over ${FAQ_COUNT.toLocaleString('en')} FAQs: GET /faqs?search=`, `${nestUrl}/api/v1/faqs`, `${baseUrl}/api/v1/faqs`, {
      requests: requestsFor(() => {
        const search = encodeURIComponent(words[Math.floor(Math.random() * words.length)]);
        return { path: `/api/v1/faqs?search=${search}&limit=20` };
      }),
    });

    // Warm-up: the question must be answered from the FAQ (source FAQ), not from a fallback.
    const probe = await fetch(`${nestUrl}/api/v1/conversations/${users[0].conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${users[0].token}` },
      body: JSON.stringify({ content: CHAT_QUESTION }),
    }).then((res) => res.json());
    const answeredBy = probe?.data?.aiMessage?.metadata?.source ?? 'unknown';
    if (answeredBy !== 'FAQ') throw new Error(`the chat scenario's question was answered by ${answeredBy}, not the FAQ`);
    await compare(
      'chat message answered from the FAQ: POST /conversations/:id/messages',
      `${nestUrl}/api/v1/conversations/x/messages`,
      `${baseUrl}/api/v1/conversations/x/messages`,
      {
        connections: 16,
        requests: requestsFor(() => {
          const user = anyUser();
          return { method: 'POST', path: `/api/v1/conversations/${user.conversationId}/messages`, headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` }, body: JSON.stringify({ content: CHAT_QUESTION }) };
        }),
      },
      `answered by: ${answeredBy}; the server also runs moderation and sentiment; per-caller limit 60/min, so requests rotate over ${users.length} users`,
    );

    await compare(
      'login: POST /auth/login (bcrypt cost 10)',
      `${nestUrl}/api/v1/auth/login`,
      `${baseUrl}/api/v1/auth/login`,
      {
        connections: 8,
        requests: requestsFor(() => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() }, body: JSON.stringify({ email: anyUser().email, password: BENCH_PASSWORD }) })),
      },
    );

    const fanNest = await measureFanout({ urls: [nestUrl], token: users[1].token, conversationId: users[1].conversationId });
    const fanBase = await measureFanout({ urls: [baseUrl], token: users[1].token, conversationId: users[1].conversationId });
    record('Socket.IO fan-out: one message to 1,000 sockets in one room, one instance', fanNest, fanBase, 'latency', 'time from the POST to each socket receiving the message');

    record('memory after load (RSS)', { value: await rssMb(nest.child.pid) }, { value: await rssMb(base.child.pid) }, 'MiB');
  } finally {
    await nest.stop();
    await base.stop();
  }

  if (redis) await twoInstanceFanout(env, redis, benchUsers[2]);
  else rows.push({ scenario: 'Socket.IO fan-out across two instances', unit: 'latency', note: 'skipped: no Redis reachable' });

  const hashRate = await bcryptCeiling();
  rows.push({ scenario: 'bcrypt compare at cost 10, both cores (the ceiling of login)', nest: { value: hashRate }, unit: 'hash/s' });
  console.log(`bcrypt: ${hashRate.toFixed(1)} hash/s`);

  await coldStart();
  await db.drop();
  writeResults(db.label);
}

async function twoInstanceFanout(env, redis, user) {
  const prefix = `cx-bench-${randomBytes(3).toString('hex')}:`;
  const shared = { ...env, REDIS_URL: redis, REDIS_KEY_PREFIX: prefix };
  const start = async (script) => {
    const ports = [await freePort(), await freePort()];
    return Promise.all(ports.map((port) => startProcess([script], { ...shared, PORT: String(port) }, `http://127.0.0.1:${port}/api/v1/health/ready`).then((proc) => ({ proc, url: `http://127.0.0.1:${port}` }))));
  };
  const nest = await start('dist/main.js');
  const token = await login(nest[0].url, user.email);
  let nestResult;
  try {
    nestResult = await measureFanout({ urls: nest.map((n) => n.url), token, conversationId: user.conversationId });
  } finally {
    await Promise.all(nest.map((n) => n.proc.stop()));
  }
  const base = await start('bench/baseline-server.mjs');
  try {
    const baseResult = await measureFanout({ urls: base.map((b) => b.url), token, conversationId: user.conversationId });
    record('Socket.IO fan-out: 1,000 sockets split over two instances (Redis adapter), posted on the first', nestResult, baseResult, 'latency');
  } finally {
    await Promise.all(base.map((b) => b.proc.stop()));
  }
}

async function bcryptCeiling() {
  const hash = await bcrypt.hash('bench', 10);
  const started = performance.now();
  let done = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (performance.now() - started < 3000) {
      await bcrypt.compare('bench', hash);
      done += 1;
    }
  }));
  return done / ((performance.now() - started) / 1000);
}

/** The newcomer path: `node dist/main.js` with no DATABASE_URL on an empty data folder, then again. */
async function coldStart() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-cold-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const env = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'data'), EMBEDDED_DB_PORT: String(await freePort()), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const ready = `http://127.0.0.1:${port}/api/v1/health/ready`;
  const first = await startProcess(['dist/main.js'], env, ready, 180_000);
  await first.stop();
  const second = await startProcess(['dist/main.js'], env, ready, 180_000);
  await second.stop();
  record('cold start to ready on the embedded default (initdb, migrate, seed)', { value: first.readyMs }, { value: second.readyMs }, 'ms', 'baseline: the second start on the same data folder');
  rmSync(dir, { recursive: true, force: true });
}

function writeResults(dbLabel) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${dbLabel}.`,
    `HTTP load: autocannon, 32 connections unless noted, ${DURATION} s per scenario and server; the load generator shares the machine's two cores.`,
    'Baseline: `bench/baseline-server.mjs`, bare Fastify + pg (+ a bare Socket.IO server) running the same SQL for the same route, measured in the same run.',
    '',
    '| scenario | this server | baseline | ratio | notes |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.scenario} | ${fmt(row.nest, row.unit)} | ${fmt(row.baseline, row.unit)} | ${ratio(row)} | ${row.note ?? ''} |`),
    '',
  ];
  writeFileSync('bench/results.md', `${lines.join('\n')}\n`);
  console.log('Wrote bench/results.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
