import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccessGuard } from './common/auth/access.guard.js';
import { AccessModule } from './common/auth/access.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './infra/database/database.module.js';
import { RealtimeModule } from './infra/realtime/realtime.module.js';
import { StorageModule } from './infra/storage/storage.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ProctoringModule } from './modules/proctoring/proctoring.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** Feature modules, one per domain. */
const FEATURE_MODULES = [HealthModule, UsersModule, ProctoringModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        DatabaseModule,
        AccessModule,
        RealtimeModule,
        StorageModule,
        ...FEATURE_MODULES,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
