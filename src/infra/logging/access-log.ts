import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * One access-log line per request, at `info`, written when the response has gone out (Fastify's own
 * request logging, two lines per request, is turned off in `createApp`).
 */
export function registerAccessLog(fastify: FastifyInstance): void {
  if (!(fastify.log as Logger).isLevelEnabled('info')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 100) / 100, ip: request.ip },
      'request completed',
    );
    done();
  });
}
