import { HttpStatus, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config.js';
import { AppError } from '../../common/http/app-error.js';
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

export interface ReadinessReport {
  status: 'ok';
  checks: Record<string, { status: string; [key: string]: unknown }>;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly repository: HealthRepository,
    private readonly config: AppConfig,
  ) {}

  liveness() {
    return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
  }

  async readiness(): Promise<ReadinessReport> {
    const checks = [() => this.probe('database', () => this.repository.ping())];
    const redisUrl = this.config.redisUrl;
    if (redisUrl) checks.push(() => this.probe('redis', () => pingRedis(redisUrl, PROBE_TIMEOUT_MS)));
    try {
      const result = await this.health.check(checks);
      return { status: 'ok', checks: result.details as ReadinessReport['checks'] };
    } catch (error) {
      const details = ((error as { getResponse?: () => { details?: Record<string, { status: string; message?: string }> } }).getResponse?.()
        ?.details ?? {}) as Record<string, { status: string; message?: string }>;
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'NOT_READY',
        'A dependency is unavailable',
        Object.entries(details)
          .filter(([, check]) => check.status !== 'up')
          .map(([name, check]) => ({ field: name, message: check.message ?? 'down' })),
      );
    }
  }

  private async probe(key: string, ping: () => Promise<void>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const started = performance.now();
    try {
      await withTimeout(ping(), PROBE_TIMEOUT_MS);
      return indicator.up({ responseTimeMs: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.down({ message: (error as Error).message || 'unreachable' });
    }
  }
}
