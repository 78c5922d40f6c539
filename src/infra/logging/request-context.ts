import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the HTTP request or Socket.IO event being handled, if any: every log line carries it. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `work` (and everything it starts) as part of the request or event named `requestId`. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

const resumeContext = Symbol('resumeRequestContext');
type ContextualRequest = FastifyRequest & { [resumeContext]?: AsyncResource };

/**
 * Every HTTP request runs in a context holding its id (`request.id`, the `X-Request-Id`). The body is
 * parsed in the callbacks of the socket's stream, outside that context, so validation and the handler
 * re-enter it (the way `@fastify/request-context` does).
 */
export function installHttpRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: ContextualRequest, _reply, done) => {
    runWithRequestId(request.id, () => {
      request[resumeContext] = new AsyncResource('request-context');
      done();
    });
  });
  fastify.addHook('preValidation', (request: ContextualRequest, _reply, done) => {
    const resource = request[resumeContext];
    if (resource) resource.runInAsyncScope(done);
    else done();
  });
}

interface EventSocket {
  readonly id: string;
  use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): unknown;
}

interface SocketNamespace {
  use(middleware: (socket: EventSocket, next: (error?: Error) => void) => void): unknown;
  on(event: 'connection', listener: (socket: EventSocket) => void): unknown;
}

/**
 * Socket.IO handshakes and events get ids of their own: the handshake of socket `abc` runs as `abc.0`,
 * its events as `abc.1`, `abc.2`… so the lines one event writes can be found together, and next to the
 * lines of the socket's other events. Installed before the gateways' own middleware, so theirs runs inside.
 */
export function installSocketRequestContext(namespace: SocketNamespace): void {
  namespace.use((socket, next) => runWithRequestId(`${socket.id}.0`, () => next()));
  namespace.on('connection', (socket) => {
    let sequence = 0;
    socket.use((_packet, next) => runWithRequestId(`${socket.id}.${++sequence}`, () => next()));
  });
}
