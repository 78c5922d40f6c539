import type { FastifyRequest } from 'fastify';
import { normalizeEmail, normalizePhone } from '../users/index.js';

/** Rate-limit key from the email/phone/username in the body, so a target is limited whatever IPs ask. */
export function targetKey(prefix: string) {
  return (request: FastifyRequest): string => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body.email === 'string') return `${prefix}:${normalizeEmail(body.email)}`;
    if (typeof body.phone === 'string') return `${prefix}:${normalizePhone(body.phone)}`;
    if (typeof body.username === 'string') return `${prefix}:${body.username.trim().toLowerCase()}`;
    return `${prefix}:ip:${request.ip}`;
  };
}
