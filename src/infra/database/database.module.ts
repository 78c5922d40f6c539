import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';
import { SqlService } from './sql/sql.service.js';

@Global()
@Module({ providers: [PrismaService, SqlService], exports: [PrismaService, SqlService] })
export class DatabaseModule {}
