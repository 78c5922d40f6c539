import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { badRequest } from '../http/app-error.js';
import type { ErrorCodeOf } from '../http/error-codes.js';

const HEADER = 'idempotency-key';
const MAX_LENGTH = 200;
/** Printable ASCII only: keys are compared byte for byte and stored in an index. */
const VALID = /^[\x21-\x7e]+$/;

/**
 * The `Idempotency-Key` header of a POST: the same key from the same caller returns the first result
 * and writes nothing twice. `required` refuses a request without one (payments); otherwise a missing
 * key means "not idempotent".
 */
export const IdempotencyKey = createParamDecorator((options: { required?: boolean } | undefined, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[HEADER];
  const key = typeof raw === 'string' ? raw.trim() : undefined;
  if (!key) {
    if (options?.required) throw invalidKey('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1-200 characters)');
    return undefined;
  }
  if (key.length > MAX_LENGTH || !VALID.test(key)) {
    throw invalidKey('INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header must be 1-200 printable ASCII characters');
  }
  return key;
});

const invalidKey = (code: ErrorCodeOf<400>, message: string) =>
  badRequest(code, message, [{ field: 'Idempotency-Key', message: `1-${MAX_LENGTH} printable ASCII characters` }]);

/** Documents the header in Swagger beside `@IdempotencyKey()`. */
export const ApiIdempotencyKey = (description: string, required = false) => ApiHeader({ name: 'Idempotency-Key', required, description });
