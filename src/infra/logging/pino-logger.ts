import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';

let stdout: DestinationStream | undefined;

/**
 * Standard output written asynchronously (sonic-boom): a log line costs a buffer append, and lines
 * that arrive while a write is in flight go out together. pino flushes it synchronously on exit.
 */
function asyncStdout(): DestinationStream {
  return (stdout ??= pino.destination({ dest: 1, sync: false }));
}

export function createRootLogger(level: string): Logger {
  const options = {
    level,
    base: { service: 'cx-backend' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
  };
  return level === 'silent' ? pino(options) : pino(options, asyncStdout());
}

/** Nest's own log lines (bootstrap, modules, exceptions) through the same pino logger as requests. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string, trace?: string) {
    if (message !== null && typeof message === 'object') {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.logger[level]({ context, ...fields, ...(trace ? { trace } : {}) }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.logger[level]({ context, ...(trace ? { trace } : {}) }, String(message));
    }
  }
}
