import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerHealthFromFastify, HEALTH_PATHS } from '../modules/health/health.fast-path.js';
import { HealthService } from '../modules/health/health.service.js';
import { HttpDrain } from './drain.js';

const drains = new WeakMap<NestFastifyApplication, HttpDrain>();

/**
 * The HTTP pieces of the process lifecycle: health probes answered straight from Fastify, and the
 * drain a shutdown starts with. Called by `configureApp`, before the routes are registered.
 */
export function installLifecycle(app: NestFastifyApplication): void {
  answerHealthFromFastify(app);
  const drain = new HttpDrain(app.getHttpAdapter().getInstance(), (request) => HEALTH_PATHS.has(request.routeOptions.url ?? ''));
  drain.install();
  drains.set(app, drain);
}

/** Starts the drain of `app`: readiness turns 503 at once, then the listener closes and requests in flight finish. */
export async function drainHttp(app: NestFastifyApplication, deadline: number): Promise<number> {
  app.get(HealthService).markDraining();
  const drain = drains.get(app);
  return drain ? drain.drain(deadline) : 0;
}
