import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';

export class DateRangeQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Start (inclusive); default 30 days before `to`' })
  @Type(() => Date)
  @IsDate()
  @IsOptional()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'End (exclusive); default now' })
  @Type(() => Date)
  @IsDate()
  @IsOptional()
  to?: Date;
}

export class RangeDto {
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
}

export class CountItemDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class ModelUsageDto {
  @ApiProperty() model: string;
  @ApiProperty() calls: number;
  @ApiProperty() promptTokens: number;
  @ApiProperty() completionTokens: number;
  @ApiProperty() totalTokens: number;
  @ApiProperty({ description: 'Millionths of a US dollar' }) costMicros: number;
}

export class ChatbotAnalyticsDto {
  @ApiProperty({ type: RangeDto }) range: RangeDto;
  @ApiProperty({ description: 'Conversations started in the range' }) conversations: number;
  @ApiProperty() userMessages: number;
  @ApiProperty() botMessages: number;
  @ApiProperty() agentMessages: number;
  @ApiProperty({ description: 'Refused by moderation' }) flaggedMessages: number;
  @ApiProperty({ description: 'Visible messages per conversation active in the range' }) messagesPerConversation: number;
  @ApiProperty({ description: 'Bot answers from the FAQ / all bot answers' }) faqHitRate: number;
  @ApiProperty({ description: 'Bot answers / user messages' }) aiResponseRate: number;
  @ApiProperty({ description: 'Bot answers that were fallbacks (provider down)' }) fallbackAnswers: number;
  @ApiProperty({ description: 'ms' }) averageResponseTime: number;
  @ApiProperty({ description: 'ms' }) p95ResponseTime: number;
  @ApiProperty() positiveFeedback: number;
  @ApiProperty() negativeFeedback: number;
  @ApiPropertyOptional({ nullable: true, description: 'positive / (positive + negative)' }) satisfactionRatio: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Mean CSAT (1-5) of conversations rated in the range' }) csatAverage: number | null;
  @ApiProperty() csatResponses: number;
  @ApiProperty({ type: [CountItemDto], description: 'User messages by sentiment' }) sentimentDistribution: CountItemDto[];
  @ApiProperty({ type: [CountItemDto] }) topCategories: CountItemDto[];
  @ApiProperty({ type: [CountItemDto], description: 'Most frequent word stems of user messages' }) topKeywords: CountItemDto[];
  @ApiProperty({ type: [ModelUsageDto] }) usageByModel: ModelUsageDto[];
}

export class OverviewAnalyticsDto {
  @ApiProperty({ type: RangeDto }) range: RangeDto;
  @ApiProperty({ type: [CountItemDto], description: 'Conversations started in the range, by status' }) conversationsByStatus: CountItemDto[];
  @ApiProperty() messages: number;
  @ApiProperty({ description: 'Distinct users who chatted in the range' }) activeUsers: number;
  @ApiProperty() activeFaqs: number;
  @ApiProperty() openCustomQuestions: number;
  @ApiProperty() openTickets: number;
  @ApiProperty() pendingReports: number;
}

export class AgentLoadDto {
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty() assignedConversations: number;
  @ApiProperty() replies: number;
}

export class SupportAnalyticsDto {
  @ApiProperty({ type: RangeDto }) range: RangeDto;
  @ApiProperty() ticketsCreated: number;
  @ApiProperty({ description: 'Tickets / conversations started in the range' }) escalationRate: number;
  @ApiProperty({ type: [CountItemDto] }) ticketsByStatus: CountItemDto[];
  @ApiProperty({ type: [CountItemDto] }) ticketsByPriority: CountItemDto[];
  @ApiPropertyOptional({ nullable: true, description: 'Mean minutes from ticket to resolution' }) averageTicketResolutionMinutes: number | null;
  @ApiProperty() reportsCreated: number;
  @ApiProperty({ type: [CountItemDto] }) reportsByStatus: CountItemDto[];
  @ApiProperty({ type: [CountItemDto] }) reportsByPriority: CountItemDto[];
  @ApiPropertyOptional({ nullable: true }) averageReportResolutionMinutes: number | null;
  @ApiProperty({ type: [AgentLoadDto] }) agents: AgentLoadDto[];
}
