import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './common/auth/access.guard.js';
import { AccessModule } from './common/auth/access.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './infra/database/database.module.js';
import { RealtimeModule } from './infra/realtime/realtime.module.js';
import { StorageModule } from './infra/storage/storage.module.js';
import { AgentsModule } from './modules/agents/agents.module.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ChatbotModule } from './modules/chatbot/chatbot.module.js';
import { ClientsModule } from './modules/clients/clients.module.js';
import { CommunicationModule } from './modules/communication/communication.module.js';
import { DonorQueriesModule } from './modules/donor-queries/donor-queries.module.js';
import { FaqsModule } from './modules/faqs/faqs.module.js';
import { GigsModule } from './modules/gigs/gigs.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { ProctoringModule } from './modules/proctoring/proctoring.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** Feature modules, one per domain. */
const FEATURE_MODULES = [
  HealthModule,
  UsersModule,
  AuthModule,
  NotificationsModule,
  AgentsModule,
  ClientsModule,
  GigsModule,
  DonorQueriesModule,
  CommunicationModule,
  FaqsModule,
  ChatbotModule,
  ReportsModule,
  AnalyticsModule,
  ProctoringModule,
  JobsModule,
];

@Module({})
export class AppModule {
  /** `extraModules` lets e2e tests mount test-only controllers on the production stack. */
  static forRoot(config: AppConfig, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, AccessModule, RealtimeModule, StorageModule, ...FEATURE_MODULES, ...extraModules],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
