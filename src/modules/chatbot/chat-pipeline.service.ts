import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, conflict } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { Conversation } from '../../generated/prisma/client.js';
import type { AnswerSource, ConversationStatus } from '../../generated/prisma/enums.js';
import { AI_PROVIDER, type AiProvider } from '../../infra/ai/ai-provider.js';
import { costMicros } from '../../infra/ai/cost.js';
import { MODERATION_PROVIDER, type ModerationProvider } from '../../infra/ai/moderation.provider.js';
import { scoreSentiment } from '../../infra/ai/sentiment.js';
import { FaqsService, type FaqMatch } from '../faqs/index.js';
import { UsersService } from '../users/index.js';
import { ChatEvents } from './chat-events.js';
import { ConversationsService, DEFAULT_CONVERSATION_TITLE } from './conversations.service.js';
import { CustomQuestionsService } from './custom-questions.service.js';
import type { MessageDto, SendMessageResultDto } from './dto/message.dto.js';
import { toConversationDto, toMessageDto } from './message.mapper.js';
import { MessagesRepository, type MessageRow, type OverdueAnswer } from './messages.repository.js';
import { createMarkerFilter } from './marker-filter.js';
import { buildSystemPrompt, buildTurns, ESCALATION_MARKER, extractEscalation, maxTokensFor, type StylePreferences } from './prompt.js';
import { looksLikeQuestion } from './question-key.js';

const HISTORY_LIMIT = 10;
/** A conversation started without a title is named after its first message. */
const titleFrom = (content: string) => (content.length > 60 ? `${content.slice(0, 59).trimEnd()}…` : content);
/** Below the FAQ-first bar, an FAQ this close is still a better fallback than an apology. */
const FALLBACK_FAQ_MIN = 0.35;
/** The recovery job takes over this many overdue answers at once, and at most this many per run. */
const RECOVERY_CONCURRENCY = 4;
const RECOVERY_PER_RUN = 100;
/** After this many take-overs an answer is given up on (logged): something fails every time. */
const RECOVERY_ATTEMPTS = 5;
const APOLOGY = "I'm sorry, I can't answer that right now because our assistant is unavailable. Would you like me to connect you with a human agent?";

/** The bot answers a conversation nobody from staff has taken over and nobody has closed. */
const botAnswers = (conversation: { status: ConversationStatus; assignedAgentId: string | null }) =>
  conversation.status === 'ACTIVE' && !conversation.assignedAgentId;

const contentFlagged = (categories: string[]) =>
  new AppError(400, 'CONTENT_FLAGGED', 'Your message was blocked by our content policy. Please rephrase it.', [
    { field: 'content', message: `flagged as ${categories.join(', ') || 'unsafe'}` },
  ]);

/** The categories moderation stored with a flagged message. */
const moderationCategories = (metadata: unknown): string[] => {
  const categories = (metadata as { moderation?: unknown } | null)?.moderation;
  return Array.isArray(categories) ? categories.filter((category): category is string => typeof category === 'string') : [];
};

const keyInUse = () => conflict('IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still being answered; retry in a few seconds');

/** The user message being answered. */
type Question = Pick<MessageRow, 'id' | 'content' | 'createdAt'>;

interface BotAnswer {
  content: string;
  source: AnswerSource;
  faqId?: string;
  faqConfidence?: number;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  costMicros?: number;
  metadata: Record<string, unknown>;
}

/**
 * The message pipeline, in order: authorise → moderate → sentiment → save and broadcast →
 * FAQ first (confidence at or above the bar) → otherwise the model with the fixed system prompt,
 * style, FAQ context and the last 10 messages, streamed as `ai:chunk` → save with metadata → broadcast.
 */
@Injectable()
export class ChatPipelineService {
  private readonly logger = new Logger(ChatPipelineService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesRepository,
    private readonly faqs: FaqsService,
    private readonly customQuestions: CustomQuestionsService,
    private readonly users: UsersService,
    private readonly events: ChatEvents,
    private readonly config: AppConfig,
    @Inject(AI_PROVIDER) private readonly ai: AiProvider,
    @Inject(MODERATION_PROVIDER) private readonly moderation: ModerationProvider,
  ) {}

  /**
   * Posts a message. With an Idempotency-Key, a retry returns what the first request stored (the
   * message and its answer) and writes nothing; a key used for another message is refused (422).
   */
  async send(user: AuthUser, conversationId: string, content: string, idempotencyKey?: string): Promise<SendMessageResultDto> {
    const conversation = await this.conversations.visible(user, conversationId);
    if (idempotencyKey) {
      const replayed = await this.replay(user, conversation, content, idempotencyKey);
      if (replayed) return replayed;
    }
    if (conversation.status === 'RESOLVED') throw conflict('CONVERSATION_RESOLVED', 'This conversation is resolved; start a new one');
    if (conversation.userId !== user.id) return this.agentReply(user, conversation, content, idempotencyKey);

    const verdict = await this.moderation.check(content);
    if (verdict.flagged) {
      await this.messages.createFlagged(
        conversationId,
        user.id,
        content,
        { moderation: verdict.categories, moderatedBy: this.moderation.name },
        idempotencyKey,
      );
      throw contentFlagged(verdict.categories);
    }

    const sentiment = scoreSentiment(content);
    const answers = botAnswers(conversation);
    const saved = await this.messages.createFromUser(conversationId, {
      senderId: user.id,
      content,
      sentiment: sentiment.label,
      metadata: { sentimentScore: sentiment.score },
      title: conversation.userMessages === 0 && conversation.title === DEFAULT_CONVERSATION_TITLE ? titleFrom(content) : undefined,
      idempotencyKey,
      // Owed from now on: if this process dies before answering, the recovery job answers.
      answerDueInMs: answers ? this.config.chat.answerRecoveryMs : undefined,
    });
    if (!saved) return this.replayTwin(user, conversation, content, idempotencyKey);
    const userMessage = toMessageDto(saved);
    this.events.messageReceived(conversationId, userMessage);

    // A human has the conversation (or is on the way): the bot stays quiet.
    if (!answers) return { userMessage, aiMessage: null };
    return { userMessage, aiMessage: await this.answer(user.id, conversationId, saved) };
  }

  /**
   * The recovery job: answers stored messages whose answer is overdue (the process that owed it
   * died), a few at a time, each taken over for one answer's time so that no other instance answers
   * it meanwhile. Returns how many were taken over.
   */
  async answerOverdue(): Promise<number> {
    let taken = 0;
    while (taken < RECOVERY_PER_RUN) {
      const overdue = await this.messages.claimOverdueAnswers(RECOVERY_CONCURRENCY, this.config.chat.answerRecoveryMs);
      taken += overdue.length;
      await Promise.all(overdue.map((question) => this.recover(question)));
      if (overdue.length < RECOVERY_CONCURRENCY) break;
    }
    return taken;
  }

  private async recover(question: OverdueAnswer): Promise<void> {
    if (!question.senderId || !botAnswers({ status: question.conversationStatus, assignedAgentId: question.assignedAgentId })) {
      return this.messages.dropOwedAnswer(question.id);
    }
    if (question.attempts > RECOVERY_ATTEMPTS) {
      this.logger.error(`Giving up on answering message ${question.id} after ${RECOVERY_ATTEMPTS} recovery attempts`);
      return this.messages.dropOwedAnswer(question.id);
    }
    try {
      await this.answer(question.senderId, question.conversationId, question);
      this.logger.log(`Answered message ${question.id}, whose answer was overdue`);
    } catch (error) {
      // Still owed: the next run after the take-over lapses tries again.
      this.logger.warn(`Could not answer overdue message ${question.id}: ${(error as Error).message}`);
    }
  }

  /** The first result of a retried request, or null when the key is new. */
  private async replay(user: AuthUser, conversation: Conversation, content: string, key: string): Promise<SendMessageResultDto | null> {
    const keyed = await this.messages.findByIdempotencyKey(user.id, key);
    if (!keyed) return null;
    const { message } = keyed;
    if (message.conversationId !== conversation.id || message.content !== content) {
      throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another message', [
        { field: 'Idempotency-Key', message: 'already used for a different message' },
      ]);
    }
    if (keyed.flagged) throw contentFlagged(moderationCategories(message.metadata));
    const userMessage = toMessageDto(message);
    if (keyed.answer) return { userMessage, aiMessage: toMessageDto(keyed.answer) };
    if (!keyed.answerOwed) return { userMessage, aiMessage: null };
    // Owed but not given: the first request is still answering (retry later), or its process died (answer now).
    if (!(await this.messages.claimOwedAnswer(message.id, this.config.chat.answerRecoveryMs))) throw keyInUse();
    if (!botAnswers(conversation)) {
      await this.messages.dropOwedAnswer(message.id);
      return { userMessage, aiMessage: null };
    }
    return { userMessage, aiMessage: await this.answer(user.id, conversation.id, message) };
  }

  /** A twin request with the same key stored its message first: answer as its retry. */
  private async replayTwin(user: AuthUser, conversation: Conversation, content: string, key: string | undefined): Promise<SendMessageResultDto> {
    const replayed = key ? await this.replay(user, conversation, content, key) : null;
    if (!replayed) throw keyInUse();
    return replayed;
  }

  private async agentReply(staff: AuthUser, conversation: Conversation, content: string, key: string | undefined): Promise<SendMessageResultDto> {
    const row = await this.messages.createFromAgent(conversation.id, staff.id, content, key);
    if (!row) return this.replayTwin(staff, conversation, content, key);
    const message = toMessageDto(row);
    this.events.messageReceived(conversation.id, message);
    if (!conversation.assignedAgentId && message.sender) {
      this.events.agentJoined(toConversationDto({ ...conversation, assignedAgentId: staff.id, isAgentInvolved: true }), message.sender);
    }
    return { userMessage: message, aiMessage: null };
  }

  /** Answers `question` of `askerId` and stores the answer; the one already stored if another process answered first. */
  private async answer(askerId: string, conversationId: string, question: Question): Promise<MessageDto> {
    const started = Date.now();
    const messageId = randomUUID();
    this.events.aiTyping(conversationId, true);
    try {
      const matches = await this.faqs.match(question.content, 3);
      const best = matches[0];
      let answer: BotAnswer;
      if (best && best.confidence >= this.config.ai.faqConfidence) {
        answer = { content: best.answer, source: 'FAQ', faqId: best.id, faqConfidence: best.confidence, metadata: { faqQuestion: best.question } };
      } else {
        // Below the bar the knowledge base did not answer, whatever the model makes of it: the question
        // goes to the staff inbox (meanwhile, and counted once even when the answer is given again).
        [, answer] = await Promise.all([
          this.recordUnanswered(askerId, conversationId, question),
          this.generate(askerId, conversationId, question, matches, messageId),
        ]);
      }
      const { row, created } = await this.messages.createAnswer(
        question.id,
        {
          id: messageId,
          content: answer.content,
          sentiment: scoreSentiment(answer.content).label,
          source: answer.source,
          faqId: answer.faqId ?? null,
          faqConfidence: answer.faqConfidence ?? best?.confidence ?? null,
          model: answer.model ?? null,
          promptTokens: answer.promptTokens ?? null,
          completionTokens: answer.completionTokens ?? null,
          costMicros: answer.costMicros ?? null,
          processingTimeMs: Date.now() - started,
          metadata: answer.metadata,
        },
        Date.now() - started,
        answer.source === 'FAQ' ? (best?.category ?? null) : null,
      );
      const message = toMessageDto(row);
      if (created) this.events.messageReceived(conversationId, message);
      return message;
    } finally {
      this.events.aiTyping(conversationId, false);
    }
  }

  private async generate(askerId: string, conversationId: string, question: Question, matches: FaqMatch[], messageId: string): Promise<BotAnswer> {
    const [history, preferences] = await Promise.all([
      this.messages.recent(conversationId, HISTORY_LIMIT + 1, question.createdAt),
      this.users.getChatPreferences(askerId),
    ]);
    const style: StylePreferences = {
      tone: preferences?.chatTone ?? 'FORMAL',
      responseLength: preferences?.chatResponseLength ?? 'DETAILED',
      customInstructions: preferences?.chatCustomInstructions,
    };
    const knowledge = matches.map((match) => ({ question: match.question, answer: match.answer }));
    const past = history.filter((message) => message.id !== question.id);
    let index = 0;
    const visible = createMarkerFilter(ESCALATION_MARKER);
    const emit = (text: string) => text && this.events.aiChunk(conversationId, messageId, index++, text);
    try {
      const result = await this.ai.complete({
        system: buildSystemPrompt(style, knowledge, this.config.ai.customInstructionsMax),
        turns: buildTurns(past, question.content, HISTORY_LIMIT),
        maxTokens: maxTokensFor(style),
        temperature: 0.7,
        knowledge,
        onChunk: (delta) => emit(visible.push(delta)),
      });
      emit(visible.flush());
      const { content, escalationSuggested } = extractEscalation(result.content);
      return {
        content,
        source: 'AI',
        model: result.model,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        costMicros: costMicros(result.model, result.promptTokens, result.completionTokens, this.config.ai.prices),
        metadata: { escalationSuggested, provider: this.ai.name },
      };
    } catch (error) {
      this.logger.warn(`AI provider ${this.ai.name} failed, falling back: ${(error as Error).message}`);
      const best = matches[0];
      const failure = { fallbackReason: 'provider_unavailable', failedProvider: this.ai.name, failedModel: this.ai.model };
      if (best && best.confidence >= FALLBACK_FAQ_MIN) {
        return { content: best.answer, source: 'FAQ', faqId: best.id, faqConfidence: best.confidence, metadata: { ...failure, faqQuestion: best.question } };
      }
      return { content: APOLOGY, source: 'FALLBACK', metadata: { ...failure, escalationSuggested: true } };
    }
  }

  /** Questions the knowledge base could not answer go to the staff inbox (grouped), without failing or delaying the reply. */
  private async recordUnanswered(askerId: string, conversationId: string, question: Question): Promise<void> {
    if (!looksLikeQuestion(question.content)) return;
    try {
      await this.customQuestions.record(question.content, 'UNANSWERED', { userId: askerId, conversationId, messageId: question.id });
    } catch (error) {
      this.logger.warn(`Could not record an unanswered question: ${(error as Error).message}`);
    }
  }
}
