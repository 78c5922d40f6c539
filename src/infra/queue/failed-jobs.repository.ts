import { Injectable } from '@nestjs/common';
import type { FailedJob, Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';

export interface NewFailedJob {
  queue: string;
  jobId: string;
  payload: unknown;
  summary: Record<string, unknown>;
  error: string;
  attempts: number;
}

/** The failed list: jobs that used up their attempts, until staff run them again. */
@Injectable()
export class FailedJobsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(job: NewFailedJob): Promise<void> {
    await this.prisma.failedJob.create({
      data: { ...job, payload: (job.payload ?? null) as Prisma.InputJsonValue, summary: job.summary as Prisma.InputJsonObject },
    });
  }

  list(queue: string | undefined, skip: number, take: number): Promise<[FailedJob[], number]> {
    const where = { status: 'FAILED' as const, ...(queue ? { queue } : {}) };
    return this.prisma.$transaction([
      this.prisma.failedJob.findMany({ where, orderBy: [{ failedAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.prisma.failedJob.count({ where }),
    ]);
  }

  findById(id: string): Promise<FailedJob | null> {
    return this.prisma.failedJob.findUnique({ where: { id } });
  }

  /** FAILED → RETRIED, only if still FAILED: of two racing retries one gets the row, the other null. */
  async claimForRetry(id: string, userId: string): Promise<FailedJob | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.failedJob.updateMany({
        where: { id, status: 'FAILED' },
        data: { status: 'RETRIED', retriedAt: new Date(), retriedBy: userId },
      });
      return count === 1 ? tx.failedJob.findUnique({ where: { id } }) : null;
    });
  }

  /** Undoes a claim whose job could not be queued again. */
  async releaseRetry(id: string): Promise<void> {
    await this.prisma.failedJob.updateMany({ where: { id, status: 'RETRIED' }, data: { status: 'FAILED', retriedAt: null, retriedBy: null } });
  }
}
