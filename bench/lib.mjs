import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import autocannon from 'autocannon';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 1000);
  });
}

/**
 * Spawns a node script and resolves once `readyUrl` answers 200, with the time that took. The
 * process writes its stdout and stderr to `logFile`, as a deployed server writes to its log
 * collector: the bench never parses request logs, so their cost stays in the server. With
 * `inherit: false` the process gets `env` alone (the shipped defaults, nothing from this shell).
 */
export async function startProcess(args, env, readyUrl, { logFile, timeoutMs = 120_000, pollMs = 20, inherit = true } = {}) {
  const started = performance.now();
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env: inherit ? { ...process.env, ...env } : env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited (${child.exitCode}): ${tail()}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} not ready after ${timeoutMs} ms: ${tail()}`);
    }
    await sleep(pollMs);
  }
  return {
    child,
    readyMs: performance.now() - started,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The headers a browser sends with every request that matter to the server's work. */
export const BROWSER_HEADERS = { 'accept-encoding': 'br, gzip, deflate', accept: 'application/json' };

/** Runs autocannon and returns requests/s, p50/p99 latency in ms and the count of failed requests. */
export async function load(url, { method = 'GET', headers = {}, body, connections = 32, duration = 8, requests } = {}) {
  const result = await autocannon({
    url,
    method,
    headers: { ...BROWSER_HEADERS, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    connections,
    duration,
    requests,
  });
  const statuses = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count.count;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses,
    total: result.requests.total,
  };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Median, min and max of a list of numbers. */
export function spread(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** CPU time (user + system) a process has used so far, in ms (Linux, 100 ticks a second). */
export async function cpuMs(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Where two JSON values differ (first few paths), or [] when they are equal. */
export function jsonDifferences(a, b, path = '$', out = []) {
  if (out.length >= 5) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  } else if (a && typeof a === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) jsonDifferences(a[key], b[key], `${path}.${key}`, out);
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  }
  return out;
}
