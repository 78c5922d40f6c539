import { Module } from '@nestjs/common';
import { ChatbotModule } from '../chatbot/index.js';
import { UsersModule } from '../users/index.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({ imports: [ChatbotModule, UsersModule], controllers: [ReportsController], providers: [ReportsService, ReportsRepository] })
export class ReportsModule {}
