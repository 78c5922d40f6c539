import { Global, Module } from '@nestjs/common';
import { DatabaseStatus } from './database-status.js';
import { PrismaService } from './prisma.service.js';
import { SqlService } from './sql/sql.service.js';

@Global()
@Module({ providers: [PrismaService, SqlService, DatabaseStatus], exports: [PrismaService, SqlService, DatabaseStatus] })
export class DatabaseModule {}
