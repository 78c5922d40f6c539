import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

/**
 * Answers what Fastify's router refuses before any hook or Nest runs (a malformed URL: 400, a path
 * parameter over `maxParamLength`: 414) in the error envelope.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { unexpected: _unexpected, ...body } = toErrorBody(error);
  void reply
    .status(body.statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-request-id', request.id)
    .send({ ...body, requestId: request.id });
}
