import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config.js';
import { QueryRemindersService } from './query-reminders.service.js';

const JOB = 'donor-query-reminders';

/**
 * Runs the reminder scan every DONOR_REMINDER_SCAN_MS (an interval registered at start-up, because
 * `@Interval` takes only a constant). Passes never overlap on one instance; across instances the
 * scan's conditional updates keep each wait reminded once.
 */
@Injectable()
export class DonorDeskJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DonorDeskJobs.name);
  private running = false;

  constructor(
    private readonly reminders: QueryRemindersService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.donorDesk.reminderScanMs;
    if (every > 0) this.scheduler.addInterval(JOB, setInterval(() => void this.tick(), every));
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.reminders.scan();
    } catch (error) {
      this.logger.error({ err: error }, 'Donor query reminder scan failed');
    } finally {
      this.running = false;
    }
  }
}
