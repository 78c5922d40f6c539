import { normalizeIP, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor, type RateLimitPluginOptions } from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import { bearerToken } from '../auth/session-authenticator.js';

/**
 * Rate limits run in Fastify's request hooks, before routing into Nest and before authentication: a
 * global limit per client IP, and tighter per-route limits with `@RateLimit(...)`. Every request
 * counts, whatever credentials it carries. With REDIS_URL the counters live in Redis, so a limit holds
 * across instances (the Redis client is passed in by the realtime/queue wiring).
 */
export function rateLimitOptions(config: AppConfig, redis?: unknown): RateLimitPluginOptions {
  return {
    global: true,
    max: config.throttle.limit,
    timeWindow: config.throttle.ttlSeconds * 1000,
    store: storeWithSharedCounters(redis, `${config.redisKeyPrefix}rate-limit:`),
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`Too many requests; try again in ${context.after}`), { statusCode: 429 }),
  };
}

type StoreInternals = FastifyRateLimitStore & { read?: unknown };
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0] & { sharedCounter?: string; continueExceeding?: boolean; exponentialBackoff?: boolean };

/**
 * The plugin's own stores (in memory, or Redis with REDIS_URL), plus named counters: every limit
 * that names the same `shared` counter (an HTTP route and a socket event, say) draws on one budget.
 */
function storeWithSharedCounters(redis: unknown, nameSpace: string): FastifyRateLimitStoreCtor {
  const create = (key: string): StoreInternals => (redis ? new RedisStore(false, false, redis, key) : new LocalStore(false, false, 5000));
  const shared = new Map<string, StoreInternals>();
  return class SharedCountersStore {
    private readonly root = create(nameSpace);

    incr(...args: Parameters<FastifyRateLimitStore['incr']>): void {
      this.root.incr(...args);
    }

    child(options: ChildOptions): FastifyRateLimitStore {
      const name = options.sharedCounter;
      if (!name) return this.root.child(options);
      let store = shared.get(name);
      if (!store) shared.set(name, (store = create(`${nameSpace}shared:${name}-`)));
      return store;
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

/** What a rate-limit key may learn about the caller without touching the database. */
export class RateLimitCallers {
  constructor(
    readonly config: AppConfig,
    private readonly verifyAccessToken: (token: string) => { sub: string } | undefined,
  ) {}

  ip(request: FastifyRequest): string {
    return `ip:${normalizeIP(request.ip)}`;
  }

  /**
   * The user of a valid access token (signature and expiry checked, ~10 µs), else the client IP.
   * Keyed by the verified subject, so no spelling of the header (`bearer`, extra spaces) and no
   * invented token gets a bucket of its own.
   */
  userOrIp(request: FastifyRequest): string {
    const token = bearerToken(request.headers.authorization);
    const claims = token ? this.verifyAccessToken(token) : undefined;
    return claims ? `user:${claims.sub}` : this.ip(request);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitCallers: RateLimitCallers;
  }
}

/** Makes the callers available to the per-route key functions (they are plain functions in decorators). */
export function provideRateLimitCallers(fastify: FastifyInstance, callers: RateLimitCallers): void {
  fastify.decorate('rateLimitCallers', callers);
}

const callersOf = (request: FastifyRequest): RateLimitCallers => request.server.rateLimitCallers;

export type CallerKey = (request: FastifyRequest, callers: RateLimitCallers) => string;

export interface RouteRateLimit {
  /** Requests per window; a function may give some callers (a key it recognises) another limit. */
  max: number | ((key: string, callers: RateLimitCallers) => number);
  windowMs: number;
  /**
   * Whose counter a request goes to, decided from the connection and headers as the request arrives:
   * the client IP (default), `'user'` (the authenticated user; the IP without a valid token) or a
   * function of the request.
   */
  per?: 'ip' | 'user' | CallerKey;
  /** A key read from the parsed body (a login or OTP target); counted after parsing, still before authentication. */
  key?: (request: FastifyRequest) => string;
  /** The name of a counter shared with other limits of the same name (e.g. a socket event's). */
  shared?: string;
}

/** A tighter limit for one route (login, OTP, chat). */
export const RateLimit = ({ max, windowMs, per = 'ip', key, shared }: RouteRateLimit) => {
  const callerKey: CallerKey | undefined = per === 'user' ? (request, callers) => callers.userOrIp(request) : per === 'ip' ? undefined : per;
  return RouteConfig({
    rateLimit: {
      max: typeof max === 'number' ? max : (request: FastifyRequest, counted: string) => max(counted, callersOf(request)),
      timeWindow: windowMs,
      ...(shared ? { sharedCounter: shared } : {}),
      ...(callerKey ? { keyGenerator: (request: FastifyRequest) => callerKey(request, callersOf(request)) } : {}),
      ...(key ? { keyGenerator: key, hook: 'preHandler' } : {}),
    },
  });
};

/** Exempts a route (health probes) from the global limit. */
export const NoRateLimit = () => RouteConfig({ rateLimit: false });
