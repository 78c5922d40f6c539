import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
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
 * once. A scheduled job every PROCTORING_SWEEP_INTERVAL_MS: with Redis one instance of the
 * deployment runs each pass.
 */
@Injectable()
export class SessionSweeperService implements OnModuleInit {
  static readonly SCHEDULE = 'proctoring-session-sweep';
  private readonly logger = new Logger(SessionSweeperService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly answers: AnswersRepository,
    private readonly lifecycle: SessionLifecycleService,
    private readonly monitoring: MonitoringService,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.schedule(SessionSweeperService.SCHEDULE, this.config.proctoring.sweepIntervalMs, () => this.sweep());
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
