import { ArgumentsHost, Catch, Logger, WsExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { toErrorBody } from '../http/error-body.js';

/**
 * Socket.IO handlers answer through the acknowledgement callback; failures are sent as the same error
 * envelope as HTTP (`{ success: false, statusCode, error, message }`) and as an `exception` event.
 */
@Catch()
export class WsExceptionsFilter implements WsExceptionFilter {
  private readonly logger = new Logger('WS');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const client = ws.getClient<{ emit: (event: string, payload: unknown) => void }>();
    const body =
      exception instanceof WsException
        ? { success: false as const, statusCode: 400, error: 'BAD_REQUEST', message: String(exception.message), unexpected: false }
        : toErrorBody(exception);
    const { unexpected, ...payload } = body;
    if (unexpected) this.logger.error({ msg: 'Unhandled socket error', err: exception });
    const args = host.getArgs();
    const ack = args.find((arg, index) => index > 0 && typeof arg === 'function') as ((payload: unknown) => void) | undefined;
    if (ack) ack(payload);
    else client.emit('exception', payload);
  }
}
