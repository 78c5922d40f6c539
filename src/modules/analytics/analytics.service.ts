import { Injectable } from '@nestjs/common';
import { badRequest } from '../../common/http/app-error.js';
import { AnalyticsRepository, num, type KeyCount, type Range } from './analytics.repository.js';
import type { ChatbotAnalyticsDto, CountItemDto, DateRangeQueryDto, OverviewAnalyticsDto, SupportAnalyticsDto } from './dto/analytics.dto.js';

const DAY_MS = 86_400_000;
const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const counts = (rows: KeyCount[]): CountItemDto[] => rows.map((row) => ({ key: row.key, count: num(row.count) }));
const round = (value: number | null, digits = 2) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

@Injectable()
export class AnalyticsService {
  constructor(private readonly analytics: AnalyticsRepository) {}

  range(query: DateRangeQueryDto): Range {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw badRequest('INVALID_RANGE', '`from` must be before `to`', [{ field: 'from', message: 'must be before to' }]);
    return { from, to };
  }

  async chatbot(query: DateRangeQueryDto): Promise<ChatbotAnalyticsDto> {
    const range = this.range(query);
    const [messages, conversations, sentiment, categories, keywords, models] = await Promise.all([
      this.analytics.messageTotals(range),
      this.analytics.conversationTotals(range),
      this.analytics.sentimentDistribution(range),
      this.analytics.conversationsBy('category', range),
      this.analytics.topKeywords(range, 10),
      this.analytics.usageByModel(range),
    ]);
    const userMessages = num(messages.user_messages);
    const botMessages = num(messages.bot_messages);
    const positive = num(messages.positive);
    const negative = num(messages.negative);
    return {
      range,
      conversations: num(conversations.conversations),
      userMessages,
      botMessages,
      agentMessages: num(messages.agent_messages),
      flaggedMessages: num(messages.flagged_messages),
      messagesPerConversation:
        round(num(messages.conversations_with_messages) ? num(messages.visible_messages) / num(messages.conversations_with_messages) : 0) ?? 0,
      faqHitRate: ratio(num(messages.faq_answers), botMessages),
      aiResponseRate: ratio(botMessages, userMessages),
      fallbackAnswers: num(messages.fallback_answers),
      averageResponseTime: Math.round(num(messages.avg_response)),
      p95ResponseTime: Math.round(num(messages.p95_response)),
      positiveFeedback: positive,
      negativeFeedback: negative,
      satisfactionRatio: positive + negative ? ratio(positive, positive + negative) : null,
      csatAverage: conversations.csat_average === null ? null : round(num(conversations.csat_average)),
      csatResponses: num(conversations.csat_responses),
      sentimentDistribution: counts(sentiment),
      topCategories: counts(categories),
      topKeywords: counts(keywords),
      usageByModel: models.map((row) => ({
        model: row.model,
        calls: num(row.calls),
        promptTokens: num(row.prompt),
        completionTokens: num(row.completion),
        totalTokens: num(row.prompt) + num(row.completion),
        costMicros: num(row.cost),
      })),
    };
  }

  async overview(query: DateRangeQueryDto): Promise<OverviewAnalyticsDto> {
    const range = this.range(query);
    const [statuses, messages, backlog] = await Promise.all([
      this.analytics.conversationsBy('status', range),
      this.analytics.messageTotals(range),
      this.analytics.backlog(),
    ]);
    return {
      range,
      conversationsByStatus: counts(statuses),
      messages: num(messages.visible_messages),
      activeUsers: num(messages.active_users),
      activeFaqs: num(backlog.active_faqs),
      openCustomQuestions: num(backlog.open_questions),
      openTickets: num(backlog.open_tickets),
      pendingReports: num(backlog.pending_reports),
    };
  }

  async support(query: DateRangeQueryDto): Promise<SupportAnalyticsDto> {
    const range = this.range(query);
    const [ticketStatus, ticketPriority, reportStatus, reportPriority, minutes, conversations, agents] = await Promise.all([
      this.analytics.ticketsBy('status', range),
      this.analytics.ticketsBy('priority', range),
      this.analytics.reportsBy('status', range),
      this.analytics.reportsBy('priority', range),
      this.analytics.resolutionMinutes(range),
      this.analytics.conversationTotals(range),
      this.analytics.agentLoad(range),
    ]);
    const ticketsCreated = ticketStatus.reduce((sum, row) => sum + num(row.count), 0);
    return {
      range,
      ticketsCreated,
      escalationRate: ratio(ticketsCreated, num(conversations.conversations)),
      ticketsByStatus: counts(ticketStatus),
      ticketsByPriority: counts(ticketPriority),
      averageTicketResolutionMinutes: minutes.tickets === null ? null : round(num(minutes.tickets)),
      reportsCreated: reportStatus.reduce((sum, row) => sum + num(row.count), 0),
      reportsByStatus: counts(reportStatus),
      reportsByPriority: counts(reportPriority),
      averageReportResolutionMinutes: minutes.reports === null ? null : round(num(minutes.reports)),
      agents: agents.map((row) => ({ agentId: row.agent_id, assignedConversations: num(row.assigned), replies: num(row.replies) })),
    };
  }
}
