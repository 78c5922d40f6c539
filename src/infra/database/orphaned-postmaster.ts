import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The first lines of `postmaster.pid`, which PostgreSQL writes into its data folder while it runs. */
export interface PostmasterLock {
  pid: number;
  dataDir: string;
  port: number;
}

export function readPostmasterLock(dataDir: string): PostmasterLock | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pid, dir, , port] = readFileSync(file, 'utf8').split('\n');
  const parsed = { pid: Number.parseInt(pid ?? '', 10), dataDir: dir ?? '', port: Number.parseInt(port ?? '', 10) };
  return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : undefined;
}

type ProcessState = { alive: false } | { alive: true; args: string[]; cwd?: string };

/** Whether `pid` runs (a zombie does not), with its command line and working folder where the OS tells. */
export async function inspectProcess(pid: number): Promise<ProcessState> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else; we could not stop it anyway, so look closer below.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false };
  }
  const proc = `/proc/${pid}`;
  if (existsSync(proc)) {
    try {
      const stat = readFileSync(`${proc}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return { alive: false };
      const args = readFileSync(`${proc}/cmdline`, 'utf8').split('\0').filter(Boolean);
      let cwd: string | undefined;
      try {
        cwd = readlinkSync(`${proc}/cwd`);
      } catch {
        cwd = undefined;
      }
      return { alive: true, args, cwd };
    } catch {
      return { alive: false };
    }
  }
  try {
    const { stdout } = await run('ps', ['-o', 'stat=,args=', '-p', String(pid)]);
    const [stat = '', ...args] = stdout.trim().split(/\s+/);
    if (!stdout.trim() || stat.startsWith('Z')) return { alive: false };
    return { alive: true, args };
  } catch {
    return { alive: false };
  }
}

/** True when the process is a PostgreSQL server whose data folder is `dataDir` (by `-D` or its working folder). */
export function isPostmasterOf(state: ProcessState, dataDir: string): boolean {
  if (!state.alive) return false;
  const binary = path.basename(state.args[0] ?? '');
  if (binary !== 'postgres' && binary !== 'postmaster') return false;
  const wanted = canonical(dataDir);
  const flag = state.args.indexOf('-D');
  if (flag >= 0 && state.args[flag + 1] && canonical(state.args[flag + 1]) === wanted) return true;
  return state.cwd !== undefined && canonical(state.cwd) === wanted;
}

function canonical(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * A start after a crash (`kill -9` of this server) finds the PostgreSQL it had started still running
 * on the data folder. If `postmaster.pid` names a live PostgreSQL of this very folder, it is ours:
 * stop it cleanly (fast shutdown, then immediate, then SIGKILL). If it names a live process that is
 * something else (its pid was reused), the lock file is stale: set it aside so PostgreSQL can start.
 */
export async function stopOrphanedPostmaster(dataDir: string, log: (line: string) => void, timeoutMs = 15_000): Promise<void> {
  const lock = readPostmasterLock(dataDir);
  if (!lock) return;
  const state = await inspectProcess(lock.pid);
  if (!state.alive) return; // PostgreSQL itself ignores a lock file whose process is gone.
  if (!isPostmasterOf(state, dataDir)) {
    const aside = path.join(dataDir, `postmaster.pid.stale-${Date.now()}`);
    renameSync(path.join(dataDir, 'postmaster.pid'), aside);
    log(`postmaster.pid named process ${lock.pid}, which is not a PostgreSQL of this folder: set the stale lock file aside (${path.basename(aside)})`);
    return;
  }
  log(`The embedded PostgreSQL of a previous run (pid ${lock.pid}) is still running on ${dataDir}: stopping it`);
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', Math.max(1_000, timeoutMs - 3_000)],
    ['SIGQUIT', 2_000],
    ['SIGKILL', 1_000],
  ];
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(lock.pid, signal);
    } catch {
      // gone between the check and the signal
    }
    if (await endsWithin(lock.pid, dataDir, waitMs)) {
      log(`Stopped the previous embedded PostgreSQL (${signal})`);
      return;
    }
  }
  throw new Error(
    `The embedded PostgreSQL of a previous run (pid ${lock.pid}) on ${dataDir} does not stop: stop it by hand, or set DATA_DIR to another folder`,
  );
}

async function endsWithin(pid: number, dataDir: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!isPostmasterOf(await inspectProcess(pid), dataDir)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
