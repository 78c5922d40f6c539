import { Global, Module } from '@nestjs/common';
import { DatabaseStatus } from './database-status.js';
import { PrismaService } from './prisma.service.js';
import { SqlService } from './sql/sql.service.js';
import { TransactionHost } from './transaction-host.js';

@Global()
@Module({ providers: [PrismaService, TransactionHost, SqlService, DatabaseStatus], exports: [PrismaService, TransactionHost, SqlService, DatabaseStatus] })
export class DatabaseModule {}
