import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, conflict } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { Conversation, Prisma } from '../../generated/prisma/client.js';
import type { AnswerSource } from '../../generated/prisma/enums.js';
import { AI_PROVIDER, type AiProvider } from '../../infra/ai/ai-provider.js';
import { costMicros } from '../../infra/ai/cost.js';
import { MODERATION_PROVIDER, type ModerationProvider } from '../../infra/ai/moderation.provider.js';
import { scoreSentiment } from '../../infra/ai/sentiment.js';
import { FaqsService, type FaqMatch } from '../faqs/faqs.service.js';
import { UsersService } from '../users/users.service.js';
import { ChatEvents } from './chat-events.js';
import { ConversationsService, DEFAULT_CONVERSATION_TITLE } from './conversations.service.js';
import { CustomQuestionsService } from './custom-questions.service.js';
import type { MessageDto, SendMessageResultDto } from './dto/message.dto.js';
import { toConversationDto, toMessageDto } from './message.mapper.js';
import { MessagesRepository, type MessageRow } from './messages.repository.js';
import { createMarkerFilter } from './marker-filter.js';
import { buildSystemPrompt, buildTurns, ESCALATION_MARKER, extractEscalation, maxTokensFor, type StylePreferences } from './prompt.js';
import { looksLikeQuestion } from './question-key.js';

const HISTORY_LIMIT = 10;
/** A conversation started without a title is named after its first message. */
const titleFrom = (content: string) => (content.length > 60 ? `${content.slice(0, 59).trimEnd()}…` : content);
/** Below the FAQ-first bar, an FAQ this close is still a better fallback than an apology. */
const FALLBACK_FAQ_MIN = 0.35;
const APOLOGY =
  "I'm sorry, I can't answer that right now because our assistant is unavailable. Would you like me to connect you with a human agent?";

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
 * The seed's message pipeline, in order: authorise → moderate → sentiment → save and broadcast →
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

  async send(user: AuthUser, conversationId: string, content: string): Promise<SendMessageResultDto> {
    const conversation = await this.conversations.visible(user, conversationId);
    if (conversation.status === 'RESOLVED') throw conflict('CONVERSATION_RESOLVED', 'This conversation is resolved; start a new one');
    if (conversation.userId !== user.id) return { userMessage: await this.agentReply(user, conversation, content), aiMessage: null };

    const verdict = await this.moderation.check(content);
    if (verdict.flagged) {
      await this.messages.createFlagged(conversationId, { senderId: user.id, senderType: 'USER', content, metadata: { moderation: verdict.categories, moderatedBy: this.moderation.name } });
      throw new AppError(400, 'CONTENT_FLAGGED', 'Your message was blocked by our content policy. Please rephrase it.', [
        { field: 'content', message: `flagged as ${verdict.categories.join(', ') || 'unsafe'}` },
      ]);
    }

    const sentiment = scoreSentiment(content);
    const saved = await this.messages.createFromUser(
      conversationId,
      { senderId: user.id, senderType: 'USER', content, sentiment: sentiment.label, metadata: { sentimentScore: sentiment.score } },
      sentiment.label,
      conversation.userMessages === 0 && conversation.title === DEFAULT_CONVERSATION_TITLE ? titleFrom(content) : undefined,
    );
    const userMessage = toMessageDto(saved);
    this.events.messageReceived(conversationId, userMessage);

    // A human has the conversation (or is on the way): the bot stays quiet.
    if (conversation.status === 'ESCALATED' || conversation.assignedAgentId) return { userMessage, aiMessage: null };
    return { userMessage, aiMessage: await this.answer(user, conversation, saved) };
  }

  private async agentReply(staff: AuthUser, conversation: Conversation, content: string): Promise<MessageDto> {
    const message = toMessageDto(await this.messages.createFromAgent(conversation.id, staff.id, { senderType: 'AGENT', content, metadata: {} }));
    this.events.messageReceived(conversation.id, message);
    if (!conversation.assignedAgentId && message.sender) {
      this.events.agentJoined(toConversationDto({ ...conversation, assignedAgentId: staff.id, isAgentInvolved: true }), message.sender);
    }
    return message;
  }

  private async answer(user: AuthUser, conversation: Conversation, question: MessageRow): Promise<MessageDto> {
    const started = Date.now();
    const messageId = randomUUID();
    this.events.aiTyping(conversation.id, true);
    try {
      const matches = await this.faqs.match(question.content, 3);
      const best = matches[0];
      let answer: BotAnswer;
      if (best && best.confidence >= this.config.ai.faqConfidence) {
        answer = { content: best.answer, source: 'FAQ', faqId: best.id, faqConfidence: best.confidence, metadata: { faqQuestion: best.question } };
      } else {
        await this.recordUnanswered(user, conversation, question);
        answer = await this.generate(user, conversation, question, matches, messageId);
      }
      const row = await this.messages.createFromBot(
        conversation.id,
        {
          id: messageId,
          senderType: 'AI',
          content: answer.content,
          sentiment: scoreSentiment(answer.content).label,
          source: answer.source,
          faqId: answer.faqId,
          faqConfidence: answer.faqConfidence ?? best?.confidence ?? null,
          model: answer.model,
          promptTokens: answer.promptTokens,
          completionTokens: answer.completionTokens,
          costMicros: answer.costMicros,
          processingTimeMs: Date.now() - started,
          metadata: answer.metadata as Prisma.InputJsonValue,
        },
        Date.now() - started,
        answer.source === 'FAQ' ? best?.category : undefined,
      );
      if (answer.faqId) await this.faqs.recordUsage(answer.faqId);
      const message = toMessageDto(row);
      this.events.messageReceived(conversation.id, message);
      return message;
    } finally {
      this.events.aiTyping(conversation.id, false);
    }
  }

  private async generate(user: AuthUser, conversation: Conversation, question: MessageRow, matches: FaqMatch[], messageId: string): Promise<BotAnswer> {
    const [history, preferences] = await Promise.all([
      this.messages.recent(conversation.id, HISTORY_LIMIT + 1),
      this.users.getChatPreferences(user.id),
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
    const emit = (text: string) => text && this.events.aiChunk(conversation.id, messageId, index++, text);
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

  /** Questions the knowledge base could not answer go to the staff inbox (grouped), without failing the reply. */
  private async recordUnanswered(user: AuthUser, conversation: Conversation, question: MessageRow): Promise<void> {
    if (!looksLikeQuestion(question.content)) return;
    try {
      await this.customQuestions.record(question.content, 'UNANSWERED', { userId: user.id, conversationId: conversation.id, messageId: question.id });
    } catch (error) {
      this.logger.warn(`Could not record an unanswered question: ${(error as Error).message}`);
    }
  }
}
