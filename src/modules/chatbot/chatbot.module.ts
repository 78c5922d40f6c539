import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/index.js';
import { AiModule } from '../../infra/ai/ai.module.js';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { FaqsModule } from '../faqs/index.js';
import { UsersModule } from '../users/index.js';
import { ChatAnswersJobs } from './chat-answers.jobs.js';
import { ChatEvents } from './chat-events.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatPipelineService } from './chat-pipeline.service.js';
import { ChatbotStaffController } from './chatbot-staff.controller.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { CustomQuestionsRepository } from './custom-questions.repository.js';
import { CustomQuestionsService } from './custom-questions.service.js';
import { HandoverService } from './handover.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesRepository } from './messages.repository.js';
import { MessagesService } from './messages.service.js';
import { SupportTicketsRepository } from './support-tickets.repository.js';
import { SupportTicketsService } from './support-tickets.service.js';

/** AI support chat: conversations, the message pipeline, feedback, escalation, custom questions, tickets. */
@Module({
  imports: [NotificationsModule, AiModule, FaqsModule, QueueModule, UsersModule],
  controllers: [ConversationsController, MessagesController, ChatbotStaffController],
  providers: [
    ChatAnswersJobs,
    ChatEvents,
    ChatGateway,
    ChatPipelineService,
    ConversationsRepository,
    ConversationsService,
    CustomQuestionsRepository,
    CustomQuestionsService,
    HandoverService,
    MessagesRepository,
    MessagesService,
    SupportTicketsRepository,
    SupportTicketsService,
  ],
  exports: [ConversationsService],
})
export class ChatbotModule {}
