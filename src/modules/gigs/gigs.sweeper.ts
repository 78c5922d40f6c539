import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { DisputesService } from './disputes.service.js';
import { GigsService } from './gigs.service.js';
import { ReviewsService } from '../reviews/index.js';
import { SubmissionsService } from './submissions.service.js';

const SWEEP_EVERY_MS = 15 * 60 * 1000;
export const GIGS_SWEEP_SCHEDULE = 'gigs-sweep';

/**
 * The marketplace's clocks (the sweeps of `gig-machines.ts`): sessions left open after their slot are
 * logged out, unreviewed work is approved automatically, approved work with nothing to pay that is
 * still unsettled is settled as 0, overdue disputes escalate, and one-sided reviews are published
 * when their window closes. A scheduled job: with Redis one instance of the deployment runs each
 * pass; each step is a conditional update, so overlapping passes do no harm.
 */
@Injectable()
export class GigsSweeper implements OnModuleInit {
  private readonly logger = new Logger(GigsSweeper.name);

  constructor(
    private readonly gigsService: GigsService,
    private readonly submissions: SubmissionsService,
    private readonly disputes: DisputesService,
    private readonly reviews: ReviewsService,
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.queue.schedule(GIGS_SWEEP_SCHEDULE, SWEEP_EVERY_MS, () => this.sweep());
  }

  async sweep(now = new Date()): Promise<{ workClosed: number; autoApproved: number; settled: number; escalated: number; reviewsPublished: number }> {
    const workClosed = await this.gigsService.closeWorkAfterSlots(now);
    const autoApproved = await this.submissions.autoApproveStale(now);
    const settled = await this.submissions.settleNothingDue();
    const escalated = await this.disputes.escalateOverdue(now);
    const reviewsPublished = await this.reviews.publishExpired(new Date(now.getTime() - this.config.gigs.reviewWindowDays * 86_400_000));
    if (workClosed || autoApproved || settled || escalated || reviewsPublished)
      this.logger.log({ msg: 'Gig sweep', workClosed, autoApproved, settled, escalated, reviewsPublished });
    return { workClosed, autoApproved, settled, escalated, reviewsPublished };
  }
}
