// Measures the donor-desk, notification and opportunity lists of two builds side by side on one
// database (interleaved runs, median of three), and checks that both answer byte for byte the same.
//
//   node test/perf/hot-lists.mjs <before-dist> <after-dist>
//
// (`npm run build`, copy dist/ aside, change the code, build again.) HOT_LISTS_DURATION (s per run, 5),
// HOT_LISTS_ROUNDS (3) and HOT_LISTS_CONNECTIONS (8) tune the load; each scenario is warmed up first.
//
// Needs HOT_LISTS_DATABASE_URL: a migrated database with the demo seed (`npm run db:seed`); volume
// makes the figures meaningful (thousands of notifications and donor queries, a long donor query
// thread and staff conversation, a thousand open opportunities with slots). Indicative only: the load
// generator shares the machine with both servers.
import { spawn } from 'node:child_process';
import net from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';

const DATABASE_URL = process.env.HOT_LISTS_DATABASE_URL;
const [beforeDist, afterDist] = process.argv.slice(2);
if (!DATABASE_URL || !beforeDist || !afterDist) {
  console.error('usage: HOT_LISTS_DATABASE_URL=… node test/perf/hot-lists.mjs <before-dist> <after-dist>');
  process.exit(2);
}
const DURATION = Number(process.env.HOT_LISTS_DURATION ?? 5);
const ROUNDS = Number(process.env.HOT_LISTS_ROUNDS ?? 3);
const PASSWORD = 'Demo#Passw0rd!';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(dist) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    JWT_SECRET: 'hot-lists-measurement-secret-0123456789abcdef',
    JWT_ACCESS_TTL_SECONDS: '3600',
    THROTTLE_LIMIT: '100000000',
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    DONOR_REMINDER_SCAN_MS: '0',
  };
  const child = spawn(process.execPath, [`${dist}/main.js`], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`${dist} exited ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 1200) throw new Error(`${dist} not ready`);
    await sleep(100);
  }
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

async function login(url, email) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

const CONNECTIONS = Number(process.env.HOT_LISTS_CONNECTIONS ?? 8);

async function load(url, headers, duration = DURATION) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed) throw new Error(`${url}: ${failed} failed requests`);
  // Requests still in flight when a run ends must not weigh on the next one.
  await sleep(500);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const one = async (text) => (await db.query(text)).rows[0].id;
  const support = await one(`SELECT id FROM users WHERE email = 'support@demo.cx'`);
  const chatty = await one(`SELECT q.id FROM donor_queries q JOIN donor_messages m ON m.query_id = q.id GROUP BY q.id ORDER BY count(*) DESC LIMIT 1`);
  const olderMessage = await one(`SELECT id FROM donor_messages WHERE query_id = '${chatty}' ORDER BY created_at DESC, id DESC OFFSET 100 LIMIT 1`);
  const project = await one(`SELECT id FROM projects ORDER BY created_at LIMIT 1`);
  await db.end();

  const servers = { before: await start(beforeDist), after: await start(afterDist) };
  const tokens = {};
  for (const role of ['admin', 'agent', 'client', 'support']) tokens[role] = await login(servers.after.url, `${role}@demo.cx`);
  const as = (role) => ({ authorization: `Bearer ${tokens[role]}` });

  const scenarios = [
    ['notifications, 20', '/api/v1/notifications?limit=20', 'admin'],
    ['notifications, unread only, 20', '/api/v1/notifications?unread=true&limit=20', 'admin'],
    ['notifications, unread count', '/api/v1/notifications/unread-count', 'admin'],
    ['donor queries, 20', '/api/v1/donor-queries?limit=20', 'admin'],
    ['donor queries, mine + status filter, 20', '/api/v1/donor-queries?mine=true&status=IN_PROGRESS&limit=20', 'admin'],
    ['donor queue (waiting), 20', '/api/v1/donor-queries/in-progress?limit=20', 'admin'],
    ['donor query messages, 50', `/api/v1/donor-queries/${chatty}/messages?limit=50`, 'admin'],
    ['donor query messages before a cursor, 50', `/api/v1/donor-queries/${chatty}/messages?limit=50&before=${olderMessage}`, 'admin'],
    ['direct messages, 50', `/api/v1/direct-messages/${support}?limit=50`, 'admin'],
    ['opportunities (agent, with eligibility), 20', '/api/v1/opportunities?limit=20', 'agent'],
    ['opportunities (agent, eligibleOnly), 20', '/api/v1/opportunities?eligibleOnly=true&limit=20', 'agent'],
    ['opportunities (agent, eligibleOnly, page 5), 20', '/api/v1/opportunities?eligibleOnly=true&limit=20&page=5', 'agent'],
    ['opportunities (client, own), 20', '/api/v1/opportunities?limit=20', 'client'],
  ];
  // Same bytes from both builds, on these and on edge cases (past the end, filters, cursors).
  const sameBytes = [
    ...scenarios.map(([, path, role]) => [path, role]),
    ['/api/v1/notifications?page=1000', 'admin'],
    ['/api/v1/notifications?limit=7&page=3', 'admin'],
    ['/api/v1/donor-queries?status=RESOLVED&limit=13&page=2', 'admin'],
    ['/api/v1/donor-queries?page=10000', 'admin'],
    ['/api/v1/donor-queries/in-progress?page=10000', 'support'],
    ['/api/v1/direct-messages/' + support + '?limit=100', 'admin'],
    ['/api/v1/opportunities?eligibleOnly=true&page=1000', 'agent'],
    ['/api/v1/opportunities?eligibleOnly=true&skill=english&minRate=20500&limit=100', 'agent'],
    ['/api/v1/opportunities?search=opportunity%2011&limit=100', 'agent'],
    [`/api/v1/opportunities?projectId=${project}&status=OPEN&limit=100&page=2`, 'client'],
    ['/api/v1/opportunities?limit=100&page=3', 'admin'],
  ];
  let differences = 0;
  for (const [path, role] of sameBytes) {
    const [a, b] = await Promise.all(Object.values(servers).map((s) => fetch(s.url + path, { headers: as(role) }).then((r) => r.text())));
    if (a !== b) {
      differences++;
      console.error(`DIFFERENT: ${path} (${role})\n  before ${a.slice(0, 300)}\n  after  ${b.slice(0, 300)}`);
    }
  }
  console.log(`byte comparison: ${sameBytes.length - differences}/${sameBytes.length} responses identical`);

  console.log(`\n| list | before req/s | after req/s | after/before | before p99 ms | after p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |`);
  for (const [name, path, role] of scenarios) {
    const runs = { before: [], after: [] };
    for (const label of ['before', 'after']) await load(servers[label].url + path, as(role), 1);
    for (let round = 0; round < ROUNDS; round++) {
      for (const label of round % 2 ? ['after', 'before'] : ['before', 'after']) runs[label].push(await load(servers[label].url + path, as(role)));
    }
    const rps = (label) => median(runs[label].map((r) => r.rps));
    const p99 = (label) => median(runs[label].map((r) => r.p99));
    console.log(
      `| ${name} | ${rps('before').toFixed(0)} | ${rps('after').toFixed(0)} | ${(rps('after') / rps('before')).toFixed(2)} | ${p99('before')} | ${p99('after')} |`,
    );
  }
  await Promise.all(Object.values(servers).map((s) => s.stop()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
