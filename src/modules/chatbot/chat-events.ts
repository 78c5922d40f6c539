import { Injectable } from '@nestjs/common';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { ConversationDto } from './dto/conversation.dto.js';
import type { MessageDto } from './dto/message.dto.js';
import type { SupportTicketDto } from './dto/support-ticket.dto.js';

/** The chat's server → client events, in one place. */
@Injectable()
export class ChatEvents {
  constructor(private readonly realtime: RealtimeService) {}

  messageReceived(conversationId: string, message: MessageDto): void {
    this.realtime.toRoom(rooms.conversation(conversationId), 'message:received', { conversationId, message });
  }

  aiTyping(conversationId: string, typing: boolean): void {
    this.realtime.toRoom(rooms.conversation(conversationId), 'ai:typing', { conversationId, typing });
  }

  aiChunk(conversationId: string, messageId: string, index: number, delta: string): void {
    this.realtime.toRoom(rooms.conversation(conversationId), 'ai:chunk', { conversationId, messageId, index, delta });
  }

  messagesRead(conversationId: string, userId: string, messageIds: string[], readAt: Date): void {
    this.realtime.toRoom(rooms.conversation(conversationId), 'message:read', { conversationId, userId, messageIds, readAt });
  }

  /** A human took over: the agent's sockets join the room and everyone in it hears about it. */
  agentJoined(conversation: ConversationDto, agent: { id: string; name: string }): void {
    this.realtime.joinUserTo(agent.id, rooms.conversation(conversation.id));
    const payload = { conversationId: conversation.id, agentId: agent.id, agentName: agent.name };
    // One emit to both rooms: a socket in both hears it once.
    this.realtime.toRoom([rooms.conversation(conversation.id), rooms.user(conversation.userId)], 'conversation:agent_joined', payload);
  }

  /** An escalation waits for a human: every support agent and admin is told. */
  ticketCreated(ticket: SupportTicketDto): void {
    this.realtime.toRoles(STAFF_ROLES, 'support-ticket:new', ticket);
  }

  conversationUpdated(conversation: ConversationDto): void {
    this.realtime.toRoom(rooms.conversation(conversation.id), 'conversation:updated', conversation);
  }

  /** The owner deleted the conversation: their sockets hear nothing more of it. */
  ownerLeft(conversation: ConversationDto): void {
    this.realtime.leaveUserFrom(conversation.userId, rooms.conversation(conversation.id));
  }
}
