import { HttpException, HttpStatus } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { AppError, ErrorDetail } from './app-error.js';
import { defaultErrorCode, ErrorCode, isErrorCode } from './error-codes.js';

export interface ErrorBody {
  success: false;
  statusCode: number;
  error: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
}

const DATABASE_UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds of a lost, refused or unanswered connection (raw queries report them as P2010). */
const DATABASE_UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'SocketTimeout', 'ConnectionClosed']);
const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connect ENOENT|timeout exceeded when trying to connect|not queryable|DatabaseNotReachable|the database system is (shutting down|starting up)|terminating connection/i;
/** SQLSTATE classes of a lost or refused connection (08xxx) and of a server going away (57P01-03). */
const CONNECTION_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;

/** Maps anything thrown while handling a request to the error envelope. Unknown errors become a 500. */
export function toErrorBody(error: unknown): ErrorBody & { unexpected: boolean } {
  if (error instanceof AppError) {
    return body(error.getStatus(), error.code, error.message, error.details);
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own errors (body parsing, content type, size) and keeps them as the cause.
    return fromFrameworkError(error.cause) ?? fromHttpException(error);
  }
  const fastifyBody = fromFrameworkError(error);
  if (fastifyBody) return fastifyBody;
  const prismaBody = fromPrismaError(error);
  if (prismaBody) return prismaBody;
  return { ...body(500, 'INTERNAL_ERROR', 'Something went wrong on our side'), unexpected: true };
}

function body(statusCode: number, error: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { success: false as const, statusCode, error, message, ...(details?.length ? { details } : {}), unexpected: false };
}

function fromHttpException(error: HttpException) {
  const status = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'string') return body(status, defaultErrorCode(status), response);
  const res = response as { code?: unknown; message?: string | string[]; details?: ErrorDetail[] };
  const message = Array.isArray(res.message) ? res.message.join('; ') : (res.message ?? error.message);
  return body(status, isErrorCode(res.code) ? res.code : defaultErrorCode(status), message, res.details);
}

function fromPrismaError(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') {
      const target =
        (error.meta?.target as string[] | string | undefined) ??
        (error.meta?.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined)?.cause?.constraint?.fields;
      const fields = Array.isArray(target) ? target.join(', ') : target;
      return body(409, 'ALREADY_EXISTS', fields ? `A record with this ${fields} already exists` : 'This record already exists');
    }
    if (error.code === 'P2025') return body(404, 'NOT_FOUND', 'Resource not found');
    if (error.code === 'P2003') return body(400, 'INVALID_REFERENCE', 'A referenced record does not exist');
    if (error.code === 'P2034') return body(409, 'CONCURRENT_UPDATE', 'Another request changed this record at the same time; try again');
    if (DATABASE_UNAVAILABLE_CODES.has(error.code)) return databaseUnavailable();
    const kind = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause?.kind;
    if (error.code === 'P2010' && kind && DATABASE_UNAVAILABLE_KINDS.has(kind)) return databaseUnavailable();
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return databaseUnavailable();
  if (isErrorLike(error) && CONNECTION_SQLSTATE.test(String((error as NodeJS.ErrnoException).code ?? ''))) return databaseUnavailable();
  if (
    isErrorLike(error) &&
    CONNECTION_FAILURE.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''} ${String((error as { cause?: unknown }).cause ?? '')}`)
  ) {
    return databaseUnavailable();
  }
  return undefined;
}

/** Socket errors are created by Node's core, which may be another realm than ours (a test VM): no instanceof. */
function isErrorLike(error: unknown): error is Error {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function databaseUnavailable() {
  return body(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
}

/** Errors raised by Fastify itself before a handler runs (body parsing, content type, size). */
function fromFrameworkError(error: unknown) {
  if (!isErrorLike(error)) return undefined;
  const { statusCode, code } = error as Error & { statusCode?: number; code?: string };
  if (!statusCode || statusCode < 400 || statusCode >= 500) return undefined;
  const messages: Record<string, string> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than allowed',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not supported; send application/json',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'The JSON body is empty',
    FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON',
    FST_ERR_MAX_PARAM_LENGTH: 'A path segment of the URL is longer than allowed',
    FST_ERR_BAD_URL: 'The URL is not valid',
  };
  const message = (code && messages[code]) ?? (error instanceof SyntaxError ? 'The body is not valid JSON' : error.message);
  const errorCode =
    statusCode === 400 && (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') ? 'MALFORMED_JSON' : defaultErrorCode(statusCode);
  return body(statusCode, errorCode, message);
}
