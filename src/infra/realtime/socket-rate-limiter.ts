import { HttpStatus, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../common/http/app-error.js';
import type { RouteRateLimit } from '../../common/http/rate-limit.js';

/** A limit a socket event shares with an HTTP route: the same counter name, size and window. */
export type SharedRateLimit = Required<Pick<RouteRateLimit, 'shared' | 'windowMs'>> & { max: number };

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Counts socket events against the HTTP rate limits they share a counter with (through
 * @fastify/rate-limit's store: in memory, or Redis with REDIS_URL), so sending over the socket
 * instead of HTTP gets no fresh budget. Over the limit the event is refused with 429.
 */
@Injectable()
export class SocketRateLimiter {
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly host: HttpAdapterHost) {}

  /** Counts one event for `caller` (the same key the HTTP limit uses, e.g. `user:<id>`). */
  async consume(limit: SharedRateLimit, caller: string): Promise<void> {
    const request = { rateLimitKey: caller, routeOptions: { config: {} } } as unknown as FastifyRequest;
    const outcome = await this.limiter(limit)(request);
    if (!outcome.isAllowed && outcome.isExceeded) {
      throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', `Too many requests; try again in ${outcome.ttlInSeconds} seconds`, [
        { field: 'retryAfter', message: `${outcome.ttlInSeconds} seconds`, retryAfterSeconds: outcome.ttlInSeconds },
      ]);
    }
  }

  private limiter(limit: SharedRateLimit): Limiter {
    let limiter = this.limiters.get(limit.shared);
    if (!limiter) {
      const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
      limiter = fastify.createRateLimit({
        max: limit.max,
        timeWindow: limit.windowMs,
        keyGenerator: (request) => (request as unknown as { rateLimitKey: string }).rateLimitKey,
        sharedCounter: limit.shared,
      } as Parameters<FastifyInstance['createRateLimit']>[0]);
      this.limiters.set(limit.shared, limiter);
    }
    return limiter;
  }
}
