import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, ErrorCodeOf, ErrorStatus } from './error-codes.js';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * An error with a stable machine-readable code, thrown by services for rule violations
 * (`new AppError(409, 'INVALID_STATE', 'The query is already resolved')`). The code must be in the
 * catalogue (`ERROR_CODES`) and the status must be the catalogue's status of that code.
 */
class CodedError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super({ code, message, details }, status);
  }
}

interface AppErrorConstructor {
  new <C extends ErrorCode>(status: ErrorStatus<C>, code: C, message: string, details?: ErrorDetail[]): CodedError;
  readonly prototype: CodedError;
}

export const AppError: AppErrorConstructor = CodedError;
export type AppError = CodedError;

export const notFound = (what = 'Resource') => new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: ErrorCodeOf<409>, message: string) => new AppError(HttpStatus.CONFLICT, code, message);
export const badRequest = (code: ErrorCodeOf<400>, message: string, details?: ErrorDetail[]) => new AppError(HttpStatus.BAD_REQUEST, code, message, details);
export const forbidden = (message = 'You may not do this') => new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
