/**
 * `npm run bench`: starts the built server (dist/) as a user runs it (LOG_LEVEL=info, the shipped
 * default; requests with `accept-encoding: br` as browsers send them) and the baseline
 * (bench/baseline-server.mjs: bare Fastify + pg doing the same work with the least SQL) against one
 * PostgreSQL, loads both with the same requests and writes bench/results.md.
 *
 * Every ratio is the median of BENCH_RUNS (3) interleaved runs (this server, baseline, this server,
 * …) with their min and max, so that a noisy neighbour hurts both sides of one ratio alike.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else the machine's 127.0.0.1:5432, else an embedded one.
 * Redis (two-instance fan-out): BENCH_REDIS_URL, else 127.0.0.1:6379 when it answers.
 * BENCH_QUICK=1: one short run of everything (for development, not for results).
 * BENCH_DURATION (s per HTTP run), BENCH_RUNS, BENCH_CHAT_USERS override the defaults.
 * BENCH_CPU_PROF=<dir>: the server processes write V8 CPU profiles there when they stop.
 * BENCH_ONLY=chat,list,…: only those scenarios (for profiling one path; the results file says so).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { BENCH_PASSWORD, CHAT_QUESTION, FAQ_COUNT, faqIndexPendingTuples, seedBenchData } from './data.mjs';
import { measureFanout } from './fanout.mjs';
import { BROWSER_HEADERS, canConnect, cpuMs, freePort, jsonDifferences, load, rssMb, spread, startProcess } from './lib.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 3 : 8));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const CHAT_USERS = Number(process.env.BENCH_CHAT_USERS ?? 600);
const SOCKETS = QUICK ? 200 : 1000;
const FANOUT_MESSAGES = QUICK ? 5 : 15;
const JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ONLY = process.env.BENCH_ONLY?.split(',').map((key) => key.trim());
/** BENCH_ONLY=health,list,search,chat,login,fanout,fanout2,start runs only those scenarios (the memory row always). */
const runs = (key) => !ONLY || ONLY.includes(key);
const LOGS = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-logs-'));

const rows = [];
const notes = [];
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
const startedAt = { time: new Date(), load: loadAverage() };

async function database() {
  const admin = process.env.BENCH_DATABASE_URL ?? ((await canConnect(5432)) ? 'postgresql://postgres@127.0.0.1:5432/postgres' : undefined);
  if (admin) {
    const name = `cx_bench_${randomBytes(4).toString('hex')}`;
    const run = async (sql) => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(sql);
      await client.end();
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
  return {
    url: embedded.url,
    label: 'embedded PostgreSQL 18',
    drop: async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

async function loginAll(baseUrl, users, concurrency = 8) {
  const out = [];
  for (let i = 0; i < users.length; i += concurrency) {
    const batch = users.slice(i, i + concurrency);
    out.push(...(await Promise.all(batch.map(async (user) => ({ ...user, token: await login(baseUrl, user.email) })))));
  }
  return out;
}

async function startServer(script, env, port, label) {
  const args = CPU_PROF && script === 'dist/main.js' ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, script] : [script];
  const proc = await startProcess(args, { ...env, PORT: String(port) }, `http://127.0.0.1:${port}/api/v1/health/ready`, {
    logFile: path.join(LOGS, `${label}.log`),
  });
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

/** RUNS interleaved pairs (this server, then the baseline); returns both lists of results. */
async function interleaved(measureNest, measureBase) {
  const nest = [];
  const base = [];
  for (let run = 0; run < RUNS; run += 1) {
    nest.push(await measureNest(run));
    base.push(await measureBase(run));
  }
  return { nest, base };
}

function throughputRow(scenario, { nest, base }, { goal, p99Goal, note = '' }) {
  const ratios = nest.map((n, i) => n.rps / base[i].rps);
  const p99Ratios = nest.map((n, i) => n.p99 / Math.max(1, base[i].p99));
  const cpu = (list) => `${spread(list.map((r) => r.cpuPerRequest)).median.toFixed(2)} ms CPU/req`;
  const cpuRatios = nest.map((n, i) => n.cpuPerRequest / base[i].cpuPerRequest);
  const failures = nest.reduce((sum, n) => sum + n.failures, 0);
  const statuses = {};
  for (const n of nest) for (const [code, count] of Object.entries(n.statuses)) if (!code.startsWith('2')) statuses[code] = (statuses[code] ?? 0) + count;
  rows.push({
    scenario,
    nest: `${Math.round(spread(nest.map((n) => n.rps)).median)} req/s · p99 ${spread(nest.map((n) => n.p99)).median} ms · ${cpu(nest)}`,
    base: `${Math.round(spread(base.map((b) => b.rps)).median)} req/s · p99 ${spread(base.map((b) => b.p99)).median} ms · ${cpu(base)}`,
    ratio: ratioText(spread(ratios)) + (p99Goal ? `; p99 ${ratioText(spread(p99Ratios), '×')}` : '') + `; CPU/req ${ratioText(spread(cpuRatios), '×')}`,
    goal: `≥ ${goal}${p99Goal ? `; p99 ≤ ${p99Goal}×` : ''}`,
    met: spread(ratios).median >= goal && (!p99Goal || spread(p99Ratios).median <= p99Goal),
    note: [note, failures ? `${failures} failed requests (${JSON.stringify(statuses)})` : ''].filter(Boolean).join('; '),
  });
  console.log(`${scenario}: ${rows.at(-1).nest} | baseline ${rows.at(-1).base} | ${rows.at(-1).ratio}`);
}

const ratioText = (s, unit = '') => `${s.median.toFixed(2)}${unit} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/** The server processes whose CPU time `compare` counts (set once both are started). */
const servers = { nest: undefined, base: undefined };

/** A load run with the CPU time the server spent on it per request: less sensitive to a busy machine than throughput. */
async function loadCounted(pid, url, options) {
  const before = await cpuMs(pid);
  const result = await load(url, options);
  return { ...result, cpuPerRequest: ((await cpuMs(pid)) - before) / Math.max(1, result.total) };
}

async function compare(scenario, nestUrl, baseUrl, options, rowOptions) {
  // Warm-up (JIT, pools, prepared statements) on both, not measured.
  await load(nestUrl, { ...options, duration: 1 });
  await load(baseUrl, { ...options, duration: 1 });
  const results = await interleaved(
    () => loadCounted(servers.nest, nestUrl, { duration: DURATION, ...options }),
    () => loadCounted(servers.base, baseUrl, { duration: DURATION, ...options }),
  );
  throughputRow(scenario, results, rowOptions);
  return results;
}

async function fetchJson(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { ...BROWSER_HEADERS, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, encoding: res.headers.get('content-encoding'), body: await res.json() };
}

/** The bench compares like with like: both servers must give the same answers before either is timed. */
async function assertSameWork(nest, base, listUser, chatUser) {
  const differences = [];
  const same = async (label, pathAndQuery, init, normalise = (body) => body) => {
    const [a, b] = [await fetchJson(`${nest.url}${pathAndQuery}`, init), await fetchJson(`${base.url}${pathAndQuery}`, init)];
    if (a.status !== b.status) differences.push(`${label}: status ${a.status} vs ${b.status}`);
    if (a.encoding !== b.encoding) differences.push(`${label}: content-encoding ${a.encoding} vs ${b.encoding}`);
    for (const diff of jsonDifferences(normalise(a.body), normalise(b.body))) differences.push(`${label}: ${diff}`);
    return a;
  };
  // Measured times differ, and a chat message creates rows, so their ids and times differ too.
  const volatile = new Set(['id', 'createdAt', 'processingTime', 'conversationId', 'responseTimeMs']);
  const normalise = (value) =>
    Array.isArray(value)
      ? value.map(normalise)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, volatile.has(k) ? typeof v : normalise(v)]))
        : value;
  await same('health', '/api/v1/health/ready', {}, normalise);
  await same('list', '/api/v1/conversations?limit=20', { headers: { authorization: `Bearer ${listUser.token}` } });
  for (const search of ['password', 'tax receipt', 'verify phone', 'nothing-matches-this'])
    await same(`search "${search}"`, `/api/v1/faqs?search=${encodeURIComponent(search)}&limit=20`);
  const chat = await same(
    'chat',
    `/api/v1/conversations/${chatUser.conversationId}/messages`,
    { method: 'POST', headers: { authorization: `Bearer ${chatUser.token}` }, body: JSON.stringify({ content: CHAT_QUESTION }) },
    normalise,
  );
  const answeredBy = chat.body?.data?.aiMessage?.metadata?.source;
  if (answeredBy !== 'FAQ') differences.push(`chat: the question was answered by ${answeredBy ?? 'nothing'}, not the FAQ`);
  if (differences.length) throw new Error(`The baseline does not do the same work as the server:\n  ${differences.join('\n  ')}`);
}

async function main() {
  const db = await database();
  try {
    await measureAll(db);
  } finally {
    await db.drop();
    rmSync(LOGS, { recursive: true, force: true });
  }
}

async function measureAll(db) {
  const redis = await redisUrl();
  const { migrateDatabase } = await import('../dist/infra/database/migrate.js');
  await migrateDatabase(db.url);
  const data = await seedBenchData(db.url, { chatUsers: CHAT_USERS });
  const pending = await faqIndexPendingTuples(db.url);
  notes.push(
    `Data: ${data.listUsers.length} users with 20 conversations each, ${data.chatUsers.length} chat users, ${FAQ_COUNT.toLocaleString('en')} FAQs, then VACUUM (ANALYZE); FAQ index pending entries after loading: ${pending ?? 'unknown (no pgstattuple)'}.`,
  );

  const env = {
    DATABASE_URL: db.url,
    JWT_SECRET,
    NODE_ENV: 'production',
    THROTTLE_LIMIT: '100000000',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'false',
  };
  const nest = await startServer('dist/main.js', env, await freePort(), 'server');
  const base = await startServer('bench/baseline-server.mjs', env, await freePort(), 'baseline');
  Object.assign(servers, { nest: nest.child.pid, base: base.child.pid });
  // Separate users for each use, so that no one's chat limit (60 a minute) is shared between two.
  const chatUsers = await loginAll(nest.url, data.chatUsers, 16);
  const fanoutUsers = chatUsers.splice(0, 2 * RUNS);
  const pairFanoutUsers = chatUsers.splice(0, 2 * RUNS);
  const [checkUser] = chatUsers.splice(0, 1);
  try {
    const listUsers = await loginAll(nest.url, data.listUsers);
    await assertSameWork(nest, base, listUsers[0], checkUser);
    const anyListUser = () => listUsers[Math.floor(Math.random() * listUsers.length)];

    if (runs('health')) {
      await compare('GET /health/ready (SELECT 1)', `${nest.url}/api/v1/health/ready`, `${base.url}/api/v1/health/ready`, {}, { goal: 0.75 });
    }

    if (runs('list')) {
      await compare(
        "authenticated list: GET /conversations (20 of the caller's)",
        `${nest.url}/api/v1/conversations?limit=20`,
        `${base.url}/api/v1/conversations?limit=20`,
        { requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${anyListUser().token}` } }) }] },
        { goal: 0.7, p99Goal: 2 },
      );
    }

    if (runs('search')) {
      const words = ['password', 'refund', 'invoice schedule', 'verify phone', 'export document', 'tax receipt'];
      await compare(
        `FAQ search over ${FAQ_COUNT.toLocaleString('en')} FAQs: GET /faqs?search=`,
        `${nest.url}/api/v1/faqs`,
        `${base.url}/api/v1/faqs`,
        {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                path: `/api/v1/faqs?search=${encodeURIComponent(words[Math.floor(Math.random() * words.length)])}&limit=20`,
              }),
            },
          ],
        },
        { goal: 0.8 },
      );
    }

    if (runs('chat')) {
      // Round robin over the chat users: each sends at most runs × duration × rate / users messages
      // a minute, far under the limit of 60 (the notes give the figure).
      let next = 0;
      const chatRequests = () => [
        {
          setupRequest: (request) => {
            const user = chatUsers[next++ % chatUsers.length];
            return {
              ...request,
              method: 'POST',
              path: `/api/v1/conversations/${user.conversationId}/messages`,
              headers: { ...request.headers, authorization: `Bearer ${user.token}` },
              body: JSON.stringify({ content: CHAT_QUESTION }),
            };
          },
        },
      ];
      const chat = await compare(
        'chat message answered from the FAQ: POST /conversations/:id/messages',
        `${nest.url}/api/v1/conversations/x/messages`,
        `${base.url}/api/v1/conversations/x/messages`,
        { connections: 16, requests: chatRequests() },
        {
          goal: 0.8,
          note: `answered by the FAQ (checked); the server also moderates and scores sentiment, as does the baseline with the same functions; ${chatUsers.length} users in turn`,
        },
      );
      const busiest = Math.max(...chat.nest.map((run) => run.total)) / chatUsers.length;
      notes.push(
        `Chat: at most ${Math.ceil(busiest)} messages per user in one ${DURATION} s run of this server (limit 60 a minute per user); 429 answers: ${chat.nest.reduce((sum, run) => sum + (run.statuses['429'] ?? 0), 0)}.`,
      );
    }

    if (runs('login')) {
      // Login: this server against the bcrypt ceiling of the machine, measured in turn.
      await load(`${nest.url}/api/v1/auth/login`, { ...loginLoad(anyListUser), duration: 1 });
      const login = await interleaved(
        () => load(`${nest.url}/api/v1/auth/login`, { ...loginLoad(anyListUser), duration: DURATION }),
        () => bcryptCeiling(),
      );
      const loginRatios = login.nest.map((n, i) => n.rps / login.base[i]);
      rows.push({
        scenario: 'login: POST /auth/login (bcrypt cost 10) against the bcrypt ceiling',
        nest: `${Math.round(spread(login.nest.map((n) => n.rps)).median)} req/s · p99 ${spread(login.nest.map((n) => n.p99)).median} ms`,
        base: `${spread(login.base).median.toFixed(1)} bcrypt compares/s on both cores`,
        ratio: ratioText(spread(loginRatios)),
        goal: '≥ 0.9',
        met: spread(loginRatios).median >= 0.9,
        note: login.nest.some((n) => n.failures) ? `${login.nest.reduce((sum, n) => sum + n.failures, 0)} failed requests` : '',
      });
      console.log(`login: ${rows.at(-1).nest} | ${rows.at(-1).base} | ${rows.at(-1).ratio}`);
    }

    if (runs('fanout')) {
      const fan = await interleaved(
        (run) => measureFanout({ urls: [nest.url], ...fanoutUser(fanoutUsers[2 * run]), count: SOCKETS, messages: FANOUT_MESSAGES }),
        (run) => measureFanout({ urls: [base.url], ...fanoutUser(fanoutUsers[2 * run + 1]), count: SOCKETS, messages: FANOUT_MESSAGES }),
      );
      latencyRow(
        `Socket.IO fan-out: one message to ${SOCKETS.toLocaleString('en')} sockets in one room, one instance`,
        fan,
        1.15,
        'time from the POST to each socket receiving the message',
      );
    }

    const [nestRss, baseRss] = [await rssMb(nest.child.pid), await rssMb(base.child.pid)];
    rows.push({
      scenario: 'memory after the load above (RSS)',
      nest: `${nestRss.toFixed(0)} MiB`,
      base: `${baseRss.toFixed(0)} MiB`,
      ratio: `${(nestRss / baseRss).toFixed(2)}×`,
      goal: '≤ 200 MiB',
      met: nestRss <= 200,
      note: 'one measurement',
    });
  } finally {
    await nest.stop();
    await base.stop();
  }

  if (runs('fanout2') && redis) await twoInstanceFanout(env, redis, pairFanoutUsers);
  else if (runs('fanout2'))
    rows.push({
      scenario: 'Socket.IO fan-out across two instances',
      nest: '—',
      base: '—',
      ratio: '',
      goal: 'p99 ≤ 1.3×',
      met: undefined,
      note: 'skipped: no Redis reachable',
    });

  if (runs('start')) await startTimes();
  writeResults(db.label);
}

const fanoutUser = (user) => ({ token: user.token, conversationId: user.conversationId });

const loginLoad = (anyUser) => ({
  method: 'POST',
  connections: 8,
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        headers: { ...request.headers, 'x-forwarded-for': randomIp() },
        body: JSON.stringify({ email: anyUser().email, password: BENCH_PASSWORD }),
      }),
    },
  ],
});

function latencyRow(scenario, { nest, base }, goal, note = '') {
  const ratios = nest.map((n, i) => n.p99 / base[i].p99);
  const missing = nest.reduce((sum, n) => sum + n.missing, 0);
  rows.push({
    scenario,
    nest: `p50 ${spread(nest.map((n) => n.p50)).median.toFixed(1)} ms · p99 ${spread(nest.map((n) => n.p99)).median.toFixed(1)} ms`,
    base: `p50 ${spread(base.map((b) => b.p50)).median.toFixed(1)} ms · p99 ${spread(base.map((b) => b.p99)).median.toFixed(1)} ms`,
    ratio: `p99 ${ratioText(spread(ratios), '×')}`,
    goal: `p99 ≤ ${goal}×`,
    met: spread(ratios).median <= goal,
    note: [note, missing ? `${missing} deliveries missing` : ''].filter(Boolean).join('; '),
  });
  console.log(`${scenario}: ${rows.at(-1).nest} | baseline ${rows.at(-1).base} | ${rows.at(-1).ratio}`);
}

/** Two instances of each behind one Redis; the message is posted on the first, half the sockets sit on the second. */
async function twoInstanceFanout(env, redis, users) {
  const pair = async (script, label) => {
    const shared = { ...env, REDIS_URL: redis, REDIS_KEY_PREFIX: `cx-bench-${randomBytes(3).toString('hex')}:` };
    return Promise.all([0, 1].map(async (i) => startServer(script, shared, await freePort(), `${label}-${i}`)));
  };
  const nest = await pair('dist/main.js', 'server-pair');
  const base = await pair('bench/baseline-server.mjs', 'baseline-pair');
  try {
    const fan = await interleaved(
      (run) => measureFanout({ urls: nest.map((n) => n.url), ...fanoutUser(users[2 * run]), count: SOCKETS, messages: FANOUT_MESSAGES }),
      (run) => measureFanout({ urls: base.map((b) => b.url), ...fanoutUser(users[2 * run + 1]), count: SOCKETS, messages: FANOUT_MESSAGES }),
    );
    latencyRow(`Socket.IO fan-out: ${SOCKETS.toLocaleString('en')} sockets over two instances (Redis adapter), posted on the first`, fan, 1.3);
  } finally {
    await Promise.all([...nest, ...base].map((proc) => proc.stop()));
  }
}

async function bcryptCeiling() {
  const hash = await bcrypt.hash('bench', 10);
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (performance.now() - started < 3000) {
        await bcrypt.compare('bench', hash);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * What a newcomer runs: `node dist/main.js` with the shipped defaults (no DATABASE_URL: the embedded
 * PostgreSQL) on an empty data folder (cold: initdb, migrate, seed), then again on the same folder (warm).
 */
async function startTimes() {
  const cold = [];
  const warm = [];
  for (let run = 0; run < RUNS; run += 1) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-start-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: path.join(dir, 'data'),
      EMBEDDED_DB_PORT: String(await freePort()),
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    const ready = `http://127.0.0.1:${port}/api/v1/health/ready`;
    mkdirSync(env.DATA_DIR, { recursive: true });
    for (const list of [cold, warm]) {
      const proc = await startProcess(['dist/main.js'], env, ready, { logFile: path.join(LOGS, `start-${run}.log`), timeoutMs: 180_000, inherit: false });
      list.push({ ms: proc.readyMs, cpu: await cpuMs(proc.child.pid) });
      await proc.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const row = (scenario, starts, goalMs, note) => {
    const s = spread(starts.map((start) => start.ms));
    const cpu = spread(starts.map((start) => start.cpu)).median;
    rows.push({
      scenario,
      nest: `${(s.median / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)}) · ${(cpu / 1000).toFixed(2)} s CPU`,
      base: '—',
      ratio: '',
      goal: `≤ ${goalMs / 1000} s`,
      met: s.median <= goalMs,
      note,
    });
    console.log(`${scenario}: ${rows.at(-1).nest}`);
  };
  row('cold start to ready on the embedded default (initdb, migrate, seed)', cold, 5000, 'process start to the first 200 of /health/ready, empty DATA_DIR');
  row('warm start to ready on the embedded default', warm, 1500, 'the same DATA_DIR again');
}

function writeResults(dbLabel) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const mark = (met) => (met === undefined ? '' : met ? '✓' : '✗');
  const lines = [
    '# Benchmark results',
    '',
    `Run ${startedAt.time.toISOString()} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${dbLabel}${QUICK ? ' — QUICK MODE, not for comparison' : ''}${ONLY ? ` — only ${ONLY.join(', ')}` : ''}.`,
    `Load average (1/5/15 min) at the start ${startedAt.load}, at the end ${loadAverage()}: figures taken while other work ran on the machine are noisy.`,
    `This server runs as shipped: \`LOG_LEVEL=info\` (request logs to a file), requests carry \`accept-encoding: br, gzip, deflate\`. HTTP load: autocannon, 32 connections unless noted, ${DURATION} s per run; the load generator shares the machine's cores.`,
    'Baseline: `bench/baseline-server.mjs`, bare Fastify + pg + Socket.IO doing the same work with the least SQL (checked: same responses, same encoding, answered by the same FAQ), no request logging.',
    `Each ratio is the median of ${RUNS} interleaved runs (this server, baseline, this server, …), with min–max in brackets; throughput ratios are this server ÷ baseline, latency ratios this server's p99 ÷ the baseline's; CPU/req is the server process's CPU time (user + system) per answered request in the same runs, which a busy machine distorts less than throughput.`,
    '',
    '| scenario | this server (median) | baseline (median) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.scenario} | ${row.nest} | ${row.base} | ${row.ratio} | ${row.goal} | ${mark(row.met)} |`),
    '',
    '## Notes',
    '',
    ...rows.filter((row) => row.note).map((row) => `- ${row.scenario}: ${row.note}.`),
    ...notes.map((note) => `- ${note}`),
    '',
  ];
  writeFileSync('bench/results.md', `${lines.join('\n')}\n`);
  console.log('Wrote bench/results.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
