import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/http/app-error.js';

/**
 * The answer to a retried message post: the message its Idempotency-Key stored first. The same key
 * with a different message is a client bug, refused rather than silently answered with the old one.
 */
export function replayOf<T extends { content: string }>(stored: T, content: string): T {
  if (stored.content !== content) {
    throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different message');
  }
  return stored;
}
