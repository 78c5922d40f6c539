import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { CustomQuestion } from '../../generated/prisma/client.js';
import type { CustomQuestionOrigin } from '../../generated/prisma/enums.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { FaqsService } from '../faqs/faqs.service.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CustomQuestionsRepository } from './custom-questions.repository.js';
import type { CreateCustomQuestionDto, CustomQuestionDto, CustomQuestionQueryDto, UpdateCustomQuestionDto } from './dto/custom-question.dto.js';
import { questionGroupKey } from './question-key.js';

const toDto = (q: CustomQuestion): CustomQuestionDto => ({
  id: q.id,
  question: q.question,
  occurrences: q.occurrences,
  origin: q.origin,
  status: q.status,
  userId: q.userId,
  conversationId: q.conversationId,
  answer: q.answer,
  answeredById: q.answeredById,
  answeredAt: q.answeredAt,
  faqId: q.faqId,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

/** The staff inbox that closes the FAQ loop: unanswered and disliked questions, grouped, turned into FAQs. */
@Injectable()
export class CustomQuestionsService {
  constructor(
    private readonly questions: CustomQuestionsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly faqs: FaqsService,
    private readonly realtime: RealtimeService,
  ) {}

  async ask(user: AuthUser, dto: CreateCustomQuestionDto): Promise<CustomQuestionDto> {
    if (dto.conversationId && !(await this.conversations.findVisible(dto.conversationId, { id: user.id, staff: isStaff(user.role) }))) {
      throw notFound('Conversation');
    }
    return toDto(await this.record(dto.question, 'USER', { userId: user.id, conversationId: dto.conversationId ?? null, messageId: null }));
  }

  /** Used by the pipeline (unanswered) and by feedback (disliked answer). */
  record(question: string, origin: CustomQuestionOrigin, refs: { userId: string | null; conversationId: string | null; messageId: string | null }) {
    return this.questions.record({ question, groupKey: questionGroupKey(question), origin, ...refs });
  }

  async list(query: CustomQuestionQueryDto): Promise<Page<CustomQuestionDto>> {
    const { items, total } = await this.questions.list({ status: query.status, origin: query.origin }, pageArgs(query));
    return toPage(items, total, query, toDto);
  }

  async update(staff: AuthUser, id: string, dto: UpdateCustomQuestionDto): Promise<CustomQuestionDto> {
    const current = await this.questions.findById(id);
    if (!current) throw notFound('Custom question');
    const answer = dto.answer ?? current.answer ?? undefined;
    if (dto.status !== 'DISMISSED' && !answer) throw badRequest('ANSWER_REQUIRED', 'An answer is required', [{ field: 'answer', message: 'answer is required' }]);

    const from = dto.status === 'CONVERTED' ? (['OPEN', 'ANSWERED'] as const) : (['OPEN'] as const);
    const answered = dto.status === 'DISMISSED' ? {} : { answer, answeredById: staff.id, answeredAt: new Date() };
    const moved = await this.questions.transition(id, [...from], { status: dto.status, ...answered });
    if (!moved) throw conflict('INVALID_STATE', `A ${current.status.toLowerCase()} question cannot become ${dto.status.toLowerCase()}`);

    let result = moved;
    if (dto.status === 'CONVERTED') {
      const faq = await this.faqs.create(staff, {
        question: dto.faqQuestion ?? moved.question.slice(0, 500),
        answer: answer as string,
        category: dto.category,
        keywords: dto.keywords,
      });
      result = await this.questions.linkFaq(id, faq.id);
    }
    if (dto.status !== 'DISMISSED' && result.userId && dto.notifyAsker !== false) {
      this.realtime.toUser(result.userId, 'notification:new', { type: 'custom_question_answered', customQuestionId: result.id, question: result.question, answer });
    }
    return toDto(result);
  }
}
