import { Module } from '@nestjs/common';
import { ChatbotModule } from '../chatbot/chatbot.module.js';
import { UsersModule } from '../users/users.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({ imports: [ChatbotModule, UsersModule], controllers: [ReportsController], providers: [ReportsService, ReportsRepository] })
export class ReportsModule {}
