import { Global, Module } from '@nestjs/common';
import { DatabaseStatus } from './database-status.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({ providers: [PrismaService, DatabaseStatus], exports: [PrismaService, DatabaseStatus] })
export class DatabaseModule {}
