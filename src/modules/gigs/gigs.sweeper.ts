import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config.js';
import { DisputesService } from './disputes.service.js';
import { GigsRepository } from './gigs.repository.js';
import { SubmissionsService } from './submissions.service.js';

const SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * The marketplace's clocks: unreviewed work is approved automatically, overdue disputes escalate, and
 * one-sided reviews are published when their window closes. Each step is a conditional update, so
 * several instances sweeping at once do no harm.
 */
@Injectable()
export class GigsSweeper {
  private readonly logger = new Logger(GigsSweeper.name);
  private running = false;

  constructor(
    private readonly submissions: SubmissionsService,
    private readonly disputes: DisputesService,
    private readonly gigs: GigsRepository,
    private readonly config: AppConfig,
  ) {}

  @Interval(SWEEP_EVERY_MS)
  async scheduled(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error({ err: error }, 'Gig sweep failed');
    } finally {
      this.running = false;
    }
  }

  async sweep(now = new Date()): Promise<{ autoApproved: number; escalated: number; reviewsPublished: number }> {
    const autoApproved = await this.submissions.autoApproveStale(now);
    const escalated = await this.disputes.escalateOverdue(now);
    const reviewsPublished = await this.gigs.publishExpiredReviews(new Date(now.getTime() - this.config.gigs.reviewWindowDays * 86_400_000));
    if (autoApproved || escalated || reviewsPublished) this.logger.log({ autoApproved, escalated, reviewsPublished }, 'Gig sweep');
    return { autoApproved, escalated, reviewsPublished };
  }
}
