import { notFound } from '../http/app-error.js';
import type { AuthUser } from './auth-user.js';
import { isStaff } from './roles.js';

/**
 * The one ownership check: a record that is missing and a record that is someone else's answer the
 * same 404, so ids of other users' records reveal nothing. Staff see everything unless `staffToo`
 * is false.
 */
export function ownedOrNotFound<T>(
  record: T | null | undefined,
  ownerId: (record: T) => string | null | undefined,
  user: AuthUser,
  options: { what?: string; staffToo?: boolean } = {},
): T {
  if (!record) throw notFound(options.what);
  if (ownerId(record) === user.id) return record;
  if (options.staffToo !== false && isStaff(user.role)) return record;
  throw notFound(options.what);
}

/** A lookup already scoped to its owner: null becomes 404. */
export function foundOr404<T>(record: T | null | undefined, what?: string): T {
  if (!record) throw notFound(what);
  return record;
}
