import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import pg from 'pg';

const HEADER = 'x-test-count-queries';
type Recorder = { statements: string[] };
const current = new AsyncLocalStorage<Recorder>();
const recorders = new Map<string, Recorder>();
const wrapped = new WeakSet<Server>();
let patched = false;

/** Every query reaches PostgreSQL through `Client#query` (the pool and the ORM's adapter use it too). */
function patchClientOnce(): void {
  if (patched) return;
  patched = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const recorder = current.getStore();
    if (recorder) {
      const first = args[0] as string | { text?: string; name?: string };
      recorder.statements.push(typeof first === 'string' ? first : (first?.name ?? first?.text ?? '?'));
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Runs the server's request handlers inside the recorder named by the request's header. */
function wrapServerOnce(server: Server): void {
  if (wrapped.has(server)) return;
  wrapped.add(server);
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const recorder = recorders.get(String(req.headers[HEADER] ?? ''));
    const dispatch = () => listeners.forEach((listener) => listener.call(server, req, res));
    if (recorder) current.run(recorder, dispatch);
    else dispatch();
  });
}

/**
 * Returns the statements sent to PostgreSQL while `server` handled the requests that `work` sends
 * with the given headers (one entry per round trip). Recognised by async context, so background
 * jobs running meanwhile are not counted.
 */
export async function countQueries<T>(server: Server, work: (headers: Record<string, string>) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  patchClientOnce();
  wrapServerOnce(server);
  const id = randomUUID();
  const recorder: Recorder = { statements: [] };
  recorders.set(id, recorder);
  try {
    const result = await work({ [HEADER]: id });
    return { result, statements: recorder.statements };
  } finally {
    recorders.delete(id);
  }
}
