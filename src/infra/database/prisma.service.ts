import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { AppConfig } from '../../config/app-config.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { createDatabasePool } from './database-pool.js';
import { shareTransactionConnections } from './transaction-context.js';

/** The one Prisma client of the process, on a pg pool; only repositories inject it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    const pool = createDatabasePool({ connectionString: config.databaseUrl, max: config.databasePoolSize, timeoutMs: config.databaseTimeoutMs });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    // A transaction's connection is also the one typed SQL uses inside that transaction (TransactionHost).
    shareTransactionConnections(pool);
    this.pool = pool;
    // An idle client losing its server must not crash the process; the pool reconnects on demand.
    pool.on('error', (error) => this.logger.warn(`Database connection lost: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
