import { HttpStatus } from '@nestjs/common';
import { AppError, ErrorDetail } from './app-error.js';

/**
 * NUL (PostgreSQL text cannot hold 0x00) or a UTF-16 surrogate without its pair (not a character,
 * and not encodable as UTF-8). The `u` flag makes a well-formed pair one code point, so only lone
 * halves match `\p{Cs}`.
 */
const UNSAFE = /\0|\p{Cs}/u;
const MAX_DETAILS = 20;

export type TextSource = 'body' | 'query' | 'params';

export function isUnsafeText(value: string): boolean {
  return UNSAFE.test(value);
}

/** The dotted paths (`address.city`, `tags.1`) of every string, or key, holding unsafe text. */
export function findUnsafeText(value: unknown, path = '', found: string[] = []): string[] {
  if (found.length >= MAX_DETAILS) return found;
  if (typeof value === 'string') {
    if (isUnsafeText(value)) found.push(path);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) findUnsafeText(value[index], path ? `${path}.${index}` : String(index), found);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (isUnsafeText(key)) found.push(child);
      else findUnsafeText((value as Record<string, unknown>)[key], child, found);
    }
  }
  return found;
}

export function unsafeTextError(fields: { source: TextSource; path: string }[]): AppError {
  const details: ErrorDetail[] = fields.map(({ source, path }) => ({
    field: path,
    in: source,
    message: `${path || source} contains a NUL character or an unpaired surrogate`,
  }));
  return new AppError(HttpStatus.BAD_REQUEST, 'INVALID_TEXT', 'Text may not contain NUL characters or unpaired UTF-16 surrogates', details);
}
