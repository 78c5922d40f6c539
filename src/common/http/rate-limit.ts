import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';

/**
 * Rate limits run in Fastify's request hooks, before routing into Nest: a global limit per client IP,
 * and tighter per-route limits with `@RateLimit(...)`. With REDIS_URL the counters live in Redis, so
 * a limit holds across instances (the Redis client is passed in by the realtime/queue wiring).
 */
export function rateLimitOptions(config: AppConfig, redis?: unknown): RateLimitPluginOptions {
  return {
    global: true,
    max: config.throttle.limit,
    timeWindow: config.throttle.ttlSeconds * 1000,
    ...(redis ? { redis, nameSpace: `${config.redisKeyPrefix}rate-limit:` } : {}),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests; try again in ${context.after}`), { statusCode: 429 }),
  };
}

export interface RouteRateLimit {
  max: number;
  windowMs: number;
  /** Key for the counter; defaults to the client IP. Runs after body parsing, so it may read the body. */
  key?: (request: FastifyRequest) => string;
}

/** A tighter limit for one route (login, OTP). With a body-based key it counts per target, not per IP. */
export const RateLimit = ({ max, windowMs, key }: RouteRateLimit) =>
  RouteConfig({ rateLimit: { max, timeWindow: windowMs, ...(key ? { keyGenerator: key, hook: 'preHandler' } : {}) } });

/** Exempts a route (health probes) from the global limit. */
export const NoRateLimit = () => RouteConfig({ rateLimit: false });
