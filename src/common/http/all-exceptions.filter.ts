import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

/** The one exception filter: every HTTP error leaves in the error envelope with a stable code. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { unexpected, ...body } = toErrorBody(exception);
    if (unexpected) {
      this.logger.error({ msg: 'Unhandled error', err: exception, url: request.url });
    } else if (body.statusCode === 503) {
      this.logger.warn({ msg: body.message, url: request.url, reason: (exception as Error)?.message });
    }
    if (reply.sent) return;
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ ...body, requestId: request.id });
  }
}
