import net from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Seconds a client should wait before retrying a request refused while this instance drains. */
export const DRAIN_RETRY_AFTER_SECONDS = 5;

/**
 * The HTTP side of a graceful shutdown. Once {@link drain} starts: the listener is closed (new
 * connections go to other instances), requests that arrive on connections already open get 503
 * `SHUTTING_DOWN` with `Connection: close` and `Retry-After`, responses to requests in flight carry
 * `Connection: close`, and `drain` resolves once those requests have been answered (or at the
 * deadline, when the connections still busy are cut).
 */
export class HttpDrain {
  private draining = false;
  private inFlight = 0;
  private onIdle?: () => void;

  constructor(
    private readonly fastify: FastifyInstance,
    /** Requests still served normally while draining (health probes, which report the drain themselves). */
    private readonly keepsServing: (request: FastifyRequest) => boolean,
  ) {}

  /** Adds the request hooks; call before the server starts listening. */
  install(): void {
    this.fastify.addHook('onRequest', (request, reply, done) => {
      if (this.draining && !this.keepsServing(request)) {
        void reply
          .code(503)
          .header('connection', 'close')
          .header('retry-after', String(DRAIN_RETRY_AFTER_SECONDS))
          .header('content-type', 'application/json; charset=utf-8')
          .send({ success: false, statusCode: 503, error: 'SHUTTING_DOWN', message: 'The server is shutting down; retry shortly', requestId: request.id });
        return;
      }
      this.inFlight += 1;
      reply.raw.once('close', this.finished);
      done();
    });
    this.fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) void reply.header('connection', 'close');
      done(null, payload);
    });
  }

  /** Stops accepting and waits for the requests in flight until `deadline` (epoch ms); returns how many had to be cut. */
  async drain(deadline: number): Promise<number> {
    this.draining = true;
    const server = this.fastify.server;
    // net.Server's close stops accepting but, unlike http.Server's, leaves idle keep-alive connections
    // open, so a request already on its way over one gets the 503 above instead of a reset.
    if (server.listening) net.Server.prototype.close.call(server);
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server.closeIdleConnections();
    const cut = this.inFlight;
    if (cut > 0) server.closeAllConnections();
    return cut;
  }

  private readonly finished = (): void => {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.onIdle?.();
  };
}
