import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { badRequest, conflict, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { CustomQuestionOrigin } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { NotificationsService } from '../notifications/index.js';
import { type FaqDto, FaqsService } from '../faqs/index.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CustomQuestionsRepository, type Ask, type InboxEntryRow } from './custom-questions.repository.js';
import type {
  CreateCustomQuestionDto,
  CustomQuestionDto,
  CustomQuestionQueryDto,
  PublishCustomQuestionDto,
  PublishedCustomQuestionDto,
  UpdateCustomQuestionDto,
} from './dto/custom-question.dto.js';
import { questionGroupKey, questionSignature, sameQuestion } from './question-key.js';

const toDto = (q: InboxEntryRow): CustomQuestionDto => ({
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
  lastAskedAt: q.lastAskedAt,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

/** FAQ questions are at most this long; a longer inbox question is cut for its FAQ wording. */
const FAQ_QUESTION_MAX = 500;

/**
 * The staff inbox that closes the FAQ loop: questions the knowledge base could not answer, disliked
 * answers and questions users asked staff, near-duplicates on one entry; staff answer, dismiss, or
 * publish them as FAQs.
 */
@Injectable()
export class CustomQuestionsService {
  constructor(
    private readonly questions: CustomQuestionsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly faqs: FaqsService,
    private readonly notifications: NotificationsService,
    private readonly db: TransactionHost,
  ) {}

  async ask(user: AuthUser, dto: CreateCustomQuestionDto): Promise<CustomQuestionDto> {
    if (dto.conversationId && !(await this.conversations.findVisible(dto.conversationId, { id: user.id, staff: isStaff(user.role) }))) {
      throw notFound('Conversation');
    }
    const id = await this.record(dto.question, 'USER', { userId: user.id, conversationId: dto.conversationId ?? null, messageId: null });
    if (!id) throw new Error('A question without a message is always counted');
    return toDto(await this.found(id));
  }

  /**
   * Counts one ask of `question` on the open entry of its near-duplicates, or opens one. A chat message
   * is counted once however often it is answered (a retry, the recovery of a lost answer). Returns the
   * entry's id; undefined when the message was counted already.
   */
  async record(question: string, origin: CustomQuestionOrigin, refs: Omit<Ask, 'origin'>): Promise<string | undefined> {
    const groupKey = questionGroupKey(question);
    const ask = { origin, ...refs };
    const candidates = await this.questions.openCandidates(groupKey, questionSignature(groupKey));
    const entry = candidates.find((candidate) => sameQuestion(groupKey, candidate.groupKey));
    if (!entry) return this.questions.open({ question, groupKey, groupSignature: questionSignature(groupKey) }, ask);
    await this.questions.addAsk(entry.id, ask);
    return entry.id;
  }

  async list(query: CustomQuestionQueryDto): Promise<Page<CustomQuestionDto>> {
    const { items, total } = await this.questions.list({ status: query.status, origin: query.origin }, pageArgs(query));
    return toPage(items, total, query, toDto);
  }

  /**
   * Publishes an entry as an FAQ with the staff's answer in one step and one transaction: the FAQ is
   * created and the entry becomes CONVERTED and linked to it, or nothing is written. The next customer
   * asking is answered from the FAQ.
   */
  async publish(staff: AuthUser, id: string, dto: PublishCustomQuestionDto): Promise<PublishedCustomQuestionDto> {
    const current = await this.found(id);
    const faq = await this.convert(staff, current, dto.answer, dto);
    const entry = await this.found(id);
    if (dto.notifyAsker !== false) await this.notifyAsker(entry);
    return { customQuestion: toDto(entry), faq };
  }

  async update(staff: AuthUser, id: string, dto: UpdateCustomQuestionDto): Promise<CustomQuestionDto> {
    const current = await this.found(id);
    const answer = dto.answer ?? current.answer ?? undefined;
    if (dto.status !== 'DISMISSED' && !answer)
      throw badRequest('ANSWER_REQUIRED', 'An answer is required', [{ field: 'answer', message: 'answer is required' }]);

    if (dto.status === 'CONVERTED') {
      await this.convert(staff, current, answer as string, { question: dto.faqQuestion, category: dto.category, keywords: dto.keywords });
    } else {
      const answered = dto.status === 'DISMISSED' ? {} : { answer, answeredById: staff.id, answeredAt: new Date() };
      if (!(await this.questions.transition(id, ['OPEN'], { status: dto.status, ...answered }))) throw await this.cannotBecome(id, dto.status);
    }
    const result = await this.found(id);
    if (dto.status !== 'DISMISSED' && dto.notifyAsker !== false) await this.notifyAsker(result);
    return toDto(result);
  }

  private async convert(
    staff: AuthUser,
    current: InboxEntryRow,
    answer: string,
    faq: Pick<PublishCustomQuestionDto, 'question' | 'category' | 'keywords'>,
  ): Promise<FaqDto> {
    // The entry's move, the FAQ (written by the FAQ module) and the link commit together or not at all.
    const published = await this.db.withTransaction(async () => {
      if (!(await this.questions.claimForFaq(current.id, answer, staff.id))) return null;
      const created = await this.faqs.create(staff, {
        question: faq.question ?? current.question.slice(0, FAQ_QUESTION_MAX),
        answer,
        category: faq.category,
        keywords: faq.keywords,
      });
      await this.questions.linkFaq(current.id, created.id);
      return created;
    });
    if (!published) throw await this.cannotBecome(current.id, 'CONVERTED');
    return published;
  }

  private async found(id: string): Promise<InboxEntryRow> {
    const entry = await this.questions.findById(id);
    if (!entry) throw notFound('Custom question');
    return entry;
  }

  /** The refusal of a move the entry's state (as it is now) forbids. */
  private async cannotBecome(id: string, status: string) {
    const now = await this.found(id);
    return conflict('INVALID_STATE', `This question is ${now.status.toLowerCase()} and cannot become ${status.toLowerCase()}`);
  }

  private async notifyAsker(entry: InboxEntryRow): Promise<void> {
    if (!entry.userId) return;
    await this.notifications.notify([entry.userId], {
      type: 'custom_question.answered',
      title: 'Your question was answered',
      body: entry.answer ?? entry.question,
      data: { customQuestionId: entry.id },
    });
  }
}
