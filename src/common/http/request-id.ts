import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const CLIENT_REQUEST_ID = /^[\w-]{1,64}$/;

/** The request id: the client's `X-Request-Id` when it is a sane token, a new UUID otherwise. */
export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Every answer names its request id (`X-Request-Id`), the one in the logs and in error bodies. */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
}
