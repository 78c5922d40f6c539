import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { QueryRemindersService } from './query-reminders.service.js';

export const REMINDER_SCHEDULE = 'donor-query-reminders';

/**
 * Runs the reminder scan every DONOR_REMINDER_SCAN_MS as a scheduled job: with Redis one instance
 * of the deployment runs each pass, and the scan's conditional claims keep each wait reminded once
 * even if two passes ever overlap.
 */
@Injectable()
export class DonorDeskJobs implements OnModuleInit {
  constructor(
    private readonly reminders: QueryRemindersService,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.schedule(REMINDER_SCHEDULE, this.config.donorDesk.reminderScanMs, () => this.reminders.scan());
  }
}
