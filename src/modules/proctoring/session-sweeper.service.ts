import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config.js';
import { AnswersRepository } from './answers.repository.js';
import { MonitoringService } from './monitoring.service.js';
import { SessionLifecycleService } from './session-lifecycle.service.js';
import { SessionsRepository } from './sessions.repository.js';

const SWEEP_BATCH = 100;
/** Background scoring that has not answered in this long is handed to a person. */
export const STALLED_SCORING_MS = 15 * 60 * 1000;

/**
 * Submits sessions whose deadline passed, even when nobody calls the API, and logs sessions whose
 * heartbeat went silent. Safe with several instances sweeping at once: each end (and each silence
 * claim) is a conditional update, so every session is submitted, and every silence logged, exactly
 * once. Registered through the SchedulerRegistry so that its period comes from configuration
 * (PROCTORING_SWEEP_INTERVAL_MS).
 */
@Injectable()
export class SessionSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly INTERVAL_NAME = 'proctoring-session-sweep';
  private readonly logger = new Logger(SessionSweeperService.name);
  private running = false;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly answers: AnswersRepository,
    private readonly lifecycle: SessionLifecycleService,
    private readonly monitoring: MonitoringService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.tick(), this.config.proctoring.sweepIntervalMs);
    timer.unref();
    this.scheduler.addInterval(SessionSweeperService.INTERVAL_NAME, timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', SessionSweeperService.INTERVAL_NAME)) this.scheduler.deleteInterval(SessionSweeperService.INTERVAL_NAME);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error({ err: error }, 'Proctoring sweep failed');
    } finally {
      this.running = false;
    }
  }

  /** One pass; returns how many sessions this instance submitted. */
  async sweep(now = new Date()): Promise<number> {
    let submitted = 0;
    for (const id of await this.sessions.findExpiredActiveIds(now, SWEEP_BATCH)) {
      if (await this.lifecycle.expire(id)) submitted += 1;
    }
    const silent = await this.monitoring.reportSilentSessions(now);
    const released = await this.answers.releaseStalled(new Date(now.getTime() - STALLED_SCORING_MS));
    if (submitted || silent || released) {
      this.logger.log(`Sweep: ${submitted} expired sessions submitted, ${silent} silences logged, ${released} stalled answers sent to manual review`);
    }
    return submitted;
  }
}
