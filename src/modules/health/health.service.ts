import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AppError, ErrorDetail } from '../../common/http/app-error.js';
import { DatabaseStatus } from '../../infra/database/database-status.js';
import { HealthRepository } from './health.repository.js';
import { pingRedis } from './redis-ping.js';

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Check = { status: 'up'; responseTimeMs: number } | { status: 'down'; message: string };

export interface ReadinessReport {
  status: 'ok';
  checks: Record<string, { status: string; [key: string]: unknown }>;
}

@Injectable()
export class HealthService {
  private draining = false;

  constructor(
    private readonly repository: HealthRepository,
    private readonly database: DatabaseStatus,
    private readonly config: AppConfig,
  ) {}

  liveness() {
    return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
  }

  /** From now on readiness answers 503: the process is shutting down and takes no new work. */
  markDraining(): void {
    this.draining = true;
  }

  async readiness(): Promise<ReadinessReport> {
    if (this.draining) {
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'NOT_READY', 'The server is shutting down', [{ field: 'server', message: 'shutting down' }]);
    }
    const databaseProblem = this.database.problem();
    const redisUrl = this.config.redisUrl;
    const [database, redis] = await Promise.all([
      databaseProblem ? ({ status: 'down', message: databaseProblem } as const) : this.probe(() => this.repository.ping()),
      redisUrl ? this.probe(() => pingRedis(redisUrl, PROBE_TIMEOUT_MS)) : undefined,
    ]);
    const checks: Record<string, Check> = redis ? { database, redis } : { database };
    const down: ErrorDetail[] = Object.entries(checks).flatMap(([field, check]) => (check.status === 'down' ? [{ field, message: check.message }] : []));
    if (down.length > 0) throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'NOT_READY', 'A dependency is unavailable', down);
    return { status: 'ok', checks };
  }

  private async probe(ping: () => Promise<void>): Promise<Check> {
    const started = performance.now();
    try {
      await withTimeout(ping(), PROBE_TIMEOUT_MS);
      return { status: 'up', responseTimeMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', message: (error as Error)?.message || 'unreachable' };
    }
  }
}
