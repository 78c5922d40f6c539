import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * An error with a stable machine-readable code, thrown by services for rule violations
 * (`new AppError(409, 'INVALID_STATE', 'The query is already resolved')`).
 */
export class AppError extends HttpException {
  constructor(
    status: HttpStatus | number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super({ code, message, details }, status);
  }
}

export const notFound = (what = 'Resource') => new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(HttpStatus.CONFLICT, code, message);
export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(HttpStatus.BAD_REQUEST, code, message, details);
export const forbidden = (message = 'You may not do this') => new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
