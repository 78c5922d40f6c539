import { DynamicModule, Module, Type } from '@nestjs/common';
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
import { CommunicationModule } from './modules/communication/communication.module.js';
import { DonorQueriesModule } from './modules/donor-queries/donor-queries.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** Feature modules, one per domain. */
const FEATURE_MODULES = [HealthModule, UsersModule, NotificationsModule, DonorQueriesModule, CommunicationModule, JobsModule];

@Module({})
export class AppModule {
  /** `extraModules` lets e2e tests mount test-only controllers on the production stack. */
  static forRoot(config: AppConfig, extraModules: Type[] = []): DynamicModule {
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
        ...extraModules,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
