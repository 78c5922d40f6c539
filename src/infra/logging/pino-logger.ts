import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context.js';

export type LogFormat = 'json' | 'pretty';

export interface RootLoggerOptions {
  level: string;
  /** `pretty`: coloured, one line per entry (pino-pretty), for a person at a terminal. `json`: one JSON object per line. */
  format: LogFormat;
  /** Where lines go; standard output (written asynchronously) unless a test captures them. */
  destination?: DestinationStream;
}

let stdout: DestinationStream | undefined;

/**
 * Standard output written asynchronously (sonic-boom): a log line costs a buffer append, and lines
 * that arrive while a write is in flight go out together. pino flushes it synchronously on exit.
 */
function asyncStdout(): DestinationStream {
  return (stdout ??= pino.destination({ dest: 1, sync: false }));
}

export const LOGGER_OPTIONS: LoggerOptions = {
  base: { service: 'cx-backend' },
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
};

export async function createRootLogger({ level, format, destination }: RootLoggerOptions): Promise<Logger> {
  const options = { ...LOGGER_OPTIONS, level };
  if (level === 'silent') return pino(options);
  if (format === 'pretty') {
    // Loaded only when asked for: production (JSON) never pays for it.
    const { default: pretty } = await import('pino-pretty');
    const stream = pretty({
      destination: destination ?? 1,
      sync: false,
      translateTime: 'SYS:HH:MM:ss.l',
      messageFormat: '{if context}[{context}] {end}{msg}{if requestId}  ({requestId}){end}',
      ignore: 'pid,hostname,service,context,requestId',
      singleLine: true,
    });
    return pino(options, stream);
  }
  return pino(options, destination ?? asyncStdout());
}

/**
 * Nest's start-up chatter (one line per module, controller, route and socket handler: ~250 lines)
 * is written at debug level; `LOG_LEVEL=debug` shows it.
 */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory', 'NestApplication']);

type PinoLevel = Extract<Level, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'>;

const STACK = /^.+\n\s+at .+/s;

/**
 * Nest's `Logger` (and Nest itself) writing through pino. It takes Nest's argument order:
 * `log(message, context?)`, `error(message, stack?, context?)`, where a message is a string, an
 * Error, or an object of fields whose `msg` is the message (`logger.warn({ msg: 'Sweep', moved: 3 })`).
 * Pino's order, `(fields, message)`, would put the message where Nest puts the context or the stack;
 * the lint rule in `eslint.config.mjs` refuses it. Every line written while a request or socket event
 * is being handled carries its `requestId`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    const context = contextOf(params);
    this.write(context && START_UP_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...params: unknown[]) {
    // Nest's forms: (message), (message, stack), (message, context), (message, stack, context),
    // where a Logger created with a context passes `undefined` for a missing stack.
    const [first, second] = params;
    if (params.length >= 2) return this.write('error', message, stringOrUndefined(second), stringOrUndefined(first));
    const only = stringOrUndefined(first);
    if (only !== undefined && STACK.test(only)) return this.write('error', message, undefined, only);
    this.write('error', message, only);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, contextOf(params));
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, contextOf(params));
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, contextOf(params));
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, contextOf(params));
  }

  private write(level: PinoLevel, message: unknown, context: string | undefined, stack?: string) {
    if (!this.logger.isLevelEnabled(level)) return;
    const requestId = currentRequestId();
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (requestId !== undefined) fields.requestId = requestId;
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...rest } = message as Record<string, unknown>;
      Object.assign(fields, rest);
      text = typeof msg === 'string' ? msg : undefined;
    } else {
      text = String(message);
    }
    if (stack !== undefined) fields.stack = stack;
    this.logger[level](fields, text);
  }
}

function contextOf(params: unknown[]): string | undefined {
  return stringOrUndefined(params.at(-1));
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
