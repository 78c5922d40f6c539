import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's request logging, reduced to one access-log line per request: nothing when a request
 * arrives, one `request completed` line (id, method, url, status, time, ip) when its answer has gone
 * out. Fastify's other lines (stream errors and the like) are kept. The request id is labelled
 * `requestId`, like the lines Nest's loggers write while the request is handled.
 */
export class AccessLogController extends LogController {
  constructor(private readonly enabled: boolean) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    if (!this.enabled) return;
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 100) / 100, ip: request.ip },
      'request completed',
    );
  }
}
