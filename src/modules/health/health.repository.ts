import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service.js';

@Injectable()
export class HealthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Straight through the pool: a readiness probe should measure the database, not the ORM. */
  async ping(): Promise<void> {
    await this.prisma.pool.query('SELECT 1');
  }
}
