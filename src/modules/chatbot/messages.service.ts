import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { badRequest } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { MessageFeedback } from '../../generated/prisma/enums.js';
import { ChatEvents } from './chat-events.js';
import { ConversationsService } from './conversations.service.js';
import { CustomQuestionsService } from './custom-questions.service.js';
import type { MessageDto, MessageQueryDto, ReadResultDto } from './dto/message.dto.js';
import { toMessageDto } from './message.mapper.js';
import { MessagesRepository } from './messages.repository.js';

@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesRepository,
    private readonly customQuestions: CustomQuestionsService,
    private readonly events: ChatEvents,
  ) {}

  async list(user: AuthUser, conversationId: string, query: MessageQueryDto): Promise<Page<MessageDto>> {
    await this.conversations.visible(user, conversationId);
    const { items, total } = await this.messages.page(conversationId, pageArgs(query));
    return toPage(items, total, query, toMessageDto);
  }

  /**
   * Feedback on a bot answer, by the conversation's owner only; it may change. Negative feedback puts
   * the question that answer failed into the staff inbox.
   */
  async feedback(user: AuthUser, messageId: string, feedback: MessageFeedback): Promise<MessageDto> {
    const message = foundOr404(await this.messages.findInOwnedConversation(messageId, user.id), 'Message');
    if (message.senderType !== 'AI') throw badRequest('FEEDBACK_NOT_ALLOWED', 'Feedback can only be given on answers of the assistant');
    const updated = await this.messages.setFeedback(messageId, feedback);
    if (feedback === 'NEGATIVE' && message.feedback !== 'NEGATIVE') {
      const question = await this.messages.findQuestionOf(message);
      if (question) {
        await this.customQuestions
          .record(question.content, 'NEGATIVE_FEEDBACK', { userId: user.id, conversationId: message.conversationId, messageId: question.id })
          .catch((error: unknown) => this.logger.warn(`Could not record a disliked question: ${(error as Error).message}`));
      }
    }
    return toMessageDto(updated);
  }

  async markRead(user: AuthUser, conversationId: string, messageIds: string[]): Promise<ReadResultDto> {
    await this.conversations.visible(user, conversationId);
    const readAt = new Date();
    const marked = await this.messages.markRead(conversationId, [...new Set(messageIds)], user.id, readAt);
    if (marked.length) this.events.messagesRead(conversationId, user.id, marked, readAt);
    return { messageIds: marked, readAt };
  }
}
