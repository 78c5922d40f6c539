/**
 * `npm run bench`: starts the built server (dist/) and a bare Fastify + pg baseline against the same
 * PostgreSQL and reports each scenario next to the baseline measured in the same run. Writes
 * bench/results.md. PostgreSQL: BENCH_DATABASE_URL, else the machine's 127.0.0.1:5432, else embedded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { canConnect, freePort, load, rssMb, startProcess } from './lib.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const rows = [];
const notes = [];
const record = (scenario, nest, baseline, unit = 'req/s') => {
  rows.push({ scenario, nest, baseline, unit });
  console.log(`${scenario}: ${format(nest, unit)} vs baseline ${format(baseline, unit)}`);
};
const format = (m, unit) => (m === undefined ? 'n/a' : unit === 'req/s' ? `${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms` : `${m.value.toFixed(1)} ${unit}`);

async function database() {
  const admin = process.env.BENCH_DATABASE_URL ?? ((await canConnect(5432)) ? 'postgresql://postgres@127.0.0.1:5432/postgres' : undefined);
  if (admin) {
    const name = `cx_bench_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      label: `PostgreSQL at ${url.host}`,
      drop: async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const { startEmbeddedPostgres } = await import('../dist/infra/database/embedded-postgres.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-pg-'));
  chmodSync(dir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort() });
  return { url: embedded.url, label: 'embedded PostgreSQL 18', drop: async () => { await embedded.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

async function main() {
  const db = await database();
  const { migrateDatabase } = await import('../dist/infra/database/migrate.js');
  await migrateDatabase(db.url);
  const env = { DATABASE_URL: db.url, JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789', THROTTLE_LIMIT: '100000000', LOG_LEVEL: 'warn', NODE_ENV: 'production', HOST: '127.0.0.1' };

  const nestPort = await freePort();
  const basePort = await freePort();
  const nest = await startProcess(['dist/main.js'], { ...env, PORT: String(nestPort) }, `http://127.0.0.1:${nestPort}/api/v1/health/ready`);
  const base = await startProcess(['bench/baseline-server.mjs'], { ...env, PORT: String(basePort) }, `http://127.0.0.1:${basePort}/api/v1/health/ready`);
  try {
    record('start to ready (external database)', { value: nest.readyMs }, { value: base.readyMs }, 'ms');

    const path = '/api/v1/health/ready';
    record('health (readiness: SELECT 1)', await load(`http://127.0.0.1:${nestPort}${path}`, { duration: DURATION }), await load(`http://127.0.0.1:${basePort}${path}`, { duration: DURATION }));

    record('memory after load (RSS)', { value: await rssMb(nest.child.pid) }, { value: await rssMb(base.child.pid) }, 'MiB');
  } finally {
    await nest.stop();
    await base.stop();
  }

  // Login's ceiling: bcrypt at the configured cost, both cores busy.
  const rounds = 10;
  const hash = await bcrypt.hash('bench-password', rounds);
  const started = performance.now();
  let done = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (performance.now() - started < 3000) {
      await bcrypt.compare('bench-password', hash);
      done += 1;
    }
  }));
  const hashesPerSecond = done / ((performance.now() - started) / 1000);
  rows.push({ scenario: `bcrypt compare, cost ${rounds} (login ceiling)`, nest: { value: hashesPerSecond }, baseline: undefined, unit: 'hash/s' });
  console.log(`bcrypt: ${hashesPerSecond.toFixed(1)} hash/s`);

  await coldStart();
  await db.drop();
  writeResults(db.label);
}

/** Cold start of the newcomer path: `node dist/main.js` with no DATABASE_URL on an empty data folder. */
async function coldStart() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-cold-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const env = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'data'), EMBEDDED_DB_PORT: String(await freePort()), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const first = await startProcess(['dist/main.js'], env, `http://127.0.0.1:${port}/api/v1/health/ready`, 180_000);
  await first.stop();
  const second = await startProcess(['dist/main.js'], env, `http://127.0.0.1:${port}/api/v1/health/ready`, 180_000);
  await second.stop();
  rows.push({ scenario: 'cold start to ready, embedded default (first start: initdb + migrate + seed)', nest: { value: first.readyMs }, baseline: { value: second.readyMs }, unit: 'ms', baselineLabel: 'second start (data reused)' });
  console.log(`cold start: ${first.readyMs.toFixed(0)} ms, warm ${second.readyMs.toFixed(0)} ms`);
  rmSync(dir, { recursive: true, force: true });
}

function ratio(row) {
  if (!row.baseline || !row.nest) return '';
  if (row.unit === 'req/s') return `${((row.nest.rps / row.baseline.rps) * 100).toFixed(0)}% of baseline throughput`;
  return `${(row.nest.value / row.baseline.value).toFixed(2)}× baseline`;
}

function writeResults(dbLabel) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${dbLabel}.`,
    `Load: autocannon, 32 connections, ${DURATION} s per scenario, load generator on the same machine.`,
    'Baseline: bare Fastify + pg (bench/baseline-server.mjs) doing the same SQL for the same route, measured in the same run.',
    '',
    '| scenario | this server | baseline | ratio |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.scenario} | ${format(row.nest, row.unit)} | ${row.baseline ? `${format(row.baseline, row.unit)}${row.baselineLabel ? ` (${row.baselineLabel})` : ''}` : '—'} | ${ratio(row)} |`),
    '',
    ...notes,
  ];
  writeFileSync('bench/results.md', `${lines.join('\n')}\n`);
  console.log('Wrote bench/results.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
