import type { Conversation } from '../../generated/prisma/client.js';
import type { ConversationDto } from './dto/conversation.dto.js';
import type { MessageDto } from './dto/message.dto.js';
import type { MessageRow } from './messages.sql.js';

export function toMessageDto(message: MessageRow): MessageDto {
  const extra = (message.metadata ?? {}) as { escalationSuggested?: boolean; fallbackReason?: string };
  const tokens = message.promptTokens === null && message.completionTokens === null ? null : (message.promptTokens ?? 0) + (message.completionTokens ?? 0);
  return {
    id: message.id,
    conversationId: message.conversationId,
    sender: message.senderId !== null ? { id: message.senderId, name: message.senderName ?? '', role: message.senderRole ?? '' } : null,
    senderType: message.senderType,
    content: message.content,
    metadata: {
      sentiment: message.sentiment,
      source: message.source,
      faqId: message.faqId,
      faqConfidence: message.faqConfidence,
      model: message.model,
      promptTokens: message.promptTokens,
      completionTokens: message.completionTokens,
      tokensUsed: tokens,
      costMicros: message.costMicros,
      processingTime: message.processingTimeMs,
      escalationSuggested: extra.escalationSuggested === true,
      fallbackReason: extra.fallbackReason ?? null,
    },
    feedback: message.feedback,
    isRead: message.readAt !== null,
    readAt: message.readAt,
    createdAt: message.createdAt,
  };
}

export function toConversationDto(conversation: Conversation): ConversationDto {
  return {
    id: conversation.id,
    userId: conversation.userId,
    title: conversation.title,
    status: conversation.status,
    sentiment: conversation.sentiment,
    category: conversation.category,
    metadata: {
      totalMessages: conversation.totalMessages,
      userMessages: conversation.userMessages,
      aiMessages: conversation.aiMessages,
      agentMessages: conversation.agentMessages,
      averageResponseTime: conversation.avgResponseTimeMs,
      lastMessageAt: conversation.lastMessageAt,
    },
    assignedAgentId: conversation.assignedAgentId,
    isAgentInvolved: conversation.isAgentInvolved,
    resolvedAt: conversation.resolvedAt,
    csat:
      conversation.csatRating === null
        ? null
        : { rating: conversation.csatRating, comment: conversation.csatComment, submittedAt: conversation.csatAt ?? conversation.updatedAt },
    archivedAt: conversation.archivedAt,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
  };
}
