import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { toErrorBody } from '../../common/http/error-body.js';
import { API_PREFIX } from '../../swagger.js';
import { HealthService } from './health.service.js';

/** Seconds a client (or load balancer) should wait before asking again when not ready. */
export const NOT_READY_RETRY_AFTER_SECONDS = 5;

/**
 * Health probes come every few seconds from every load balancer and orchestrator, so `/health` and
 * `/health/ready` answer straight from Fastify, without Nest's guards, interceptors, pipes and filter.
 * `HealthController` stays their declaration (path, access, rate limit, Swagger); only the handler
 * Fastify runs is swapped when Nest registers the route. The responses are the same envelopes.
 * Must be called before the application is initialised (routes are registered then).
 */
export function answerHealthFromFastify(app: NestFastifyApplication): void {
  const health = app.get(HealthService);
  const liveness: RouteHandlerMethod = (_request, reply) => reply.send({ success: true, data: health.liveness() });
  const readiness: RouteHandlerMethod = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return reply.send({ success: true, data: await health.readiness() });
    } catch (error) {
      const { unexpected: _unexpected, ...body } = toErrorBody(error);
      if (body.statusCode === 503) void reply.header('retry-after', String(NOT_READY_RETRY_AFTER_SECONDS));
      return reply
        .code(body.statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ ...body, requestId: request.id });
    }
  };
  const handlers = new Map<string, RouteHandlerMethod>([
    [`/${API_PREFIX}/health`, liveness],
    [`/${API_PREFIX}/health/ready`, readiness],
  ]);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      const handler = handlers.get(route.url);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (handler && methods.every((method) => method === 'GET' || method === 'HEAD')) route.handler = handler;
    });
}

/** The paths served by {@link answerHealthFromFastify}: they keep answering while the server drains. */
export const HEALTH_PATHS: ReadonlySet<string> = new Set([`/${API_PREFIX}/health`, `/${API_PREFIX}/health/ready`]);
