import { ApiProperty } from '@nestjs/swagger';
import { ConversationDto } from '../../../modules/chatbot/dto/conversation.dto.js';
import { ReadResultDto, MessageDto, SendMessageResultDto } from '../../../modules/chatbot/dto/message.dto.js';
import { ConversationRefDto, SocketMessageDto, SocketReadDto } from '../../../modules/chatbot/dto/socket.dto.js';
import { SupportTicketDto } from '../../../modules/chatbot/dto/support-ticket.dto.js';
import { ReportDto } from '../../../modules/reports/dto/report.dto.js';
import { clientEvents, serverEvents } from './define.js';

const IN_CONVERSATION = 'Every socket that joined the conversation: its owner and staff watching it';
const STAFF = 'Staff: SUPPORT_AGENT, ADMIN and SUPER_ADMIN';

export class MessageReceivedEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ type: MessageDto }) message: MessageDto;
}

export class TypingUserEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
}

export class TypingStopEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
}

export class AiTypingEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ description: 'true while the answer is being written, false once it is stored' }) typing: boolean;
}

export class AiChunkEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid', description: 'The id the answer will have in message:received' }) messageId: string;
  @ApiProperty({ description: 'Position of the chunk, from 0' }) index: number;
  @ApiProperty({ description: 'Text to append' }) delta: string;
}

export class AiRespondingEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid', description: 'Whose client reported that its AI answer is being generated' }) userId: string;
}

export class MessagesReadEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid', description: 'Who read them' }) userId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) messageIds: string[];
  @ApiProperty() readAt: Date;
}

export class AgentJoinedEvent {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty() agentName: string;
}

export const chatServerEvents = serverEvents({
  'message:received': {
    summary: 'A message was stored in the conversation: the customer’s, the AI’s or a human agent’s',
    payload: MessageReceivedEvent,
    to: { conversation: IN_CONVERSATION },
  },
  'typing:user': { summary: 'Someone in the conversation started typing', payload: TypingUserEvent, to: { conversation: IN_CONVERSATION } },
  'typing:stop': { summary: 'Someone in the conversation stopped typing', payload: TypingStopEvent, to: { conversation: IN_CONVERSATION } },
  'ai:typing': { summary: 'The AI started (true) or finished (false) writing an answer', payload: AiTypingEvent, to: { conversation: IN_CONVERSATION } },
  'ai:chunk': {
    summary: 'A piece of the AI answer being streamed; message:received brings the whole stored answer',
    payload: AiChunkEvent,
    to: { conversation: IN_CONVERSATION },
  },
  'ai:responding': {
    summary: 'A participant’s client reported (ai:responding) that an AI answer is being generated',
    payload: AiRespondingEvent,
    to: { conversation: 'Everyone in the conversation except the sender’s own sockets: the staff watching it' },
  },
  'message:read': { summary: 'Messages were marked read', payload: MessagesReadEvent, to: { conversation: IN_CONVERSATION } },
  'conversation:agent_joined': {
    summary: 'A human agent took the conversation over (their sockets join its room)',
    payload: AgentJoinedEvent,
    to: { conversation: IN_CONVERSATION, user: 'The conversation’s owner, also when not in the room' },
  },
  'conversation:updated': {
    summary: 'The conversation changed (status, assignment, title, CSAT, …)',
    payload: ConversationDto,
    to: { conversation: IN_CONVERSATION },
  },
  'support-ticket:new': { summary: 'An escalation waits for a human', payload: SupportTicketDto, to: { role: STAFF } },
  'support-ticket:update': { summary: 'A support ticket changed', payload: SupportTicketDto, to: { role: STAFF } },
  'report:new': { summary: 'An issue was reported about a conversation', payload: ReportDto, to: { role: STAFF } },
  'report:update': { summary: 'A report changed', payload: ReportDto, to: { role: STAFF, user: 'The user who reported it' } },
});

const OWNER_OR_STAFF = { kind: 'authenticated' } as const;

export const chatClientEvents = clientEvents({
  'conversation:join': {
    summary: 'Join a conversation’s room to receive its events (its owner or staff; anyone else gets 404)',
    payload: ConversationRefDto,
    bareValueOf: 'conversationId',
    ack: ConversationRefDto,
    access: OWNER_OR_STAFF,
  },
  'conversation:leave': {
    summary: 'Leave a conversation’s room',
    payload: ConversationRefDto,
    bareValueOf: 'conversationId',
    ack: ConversationRefDto,
    access: OWNER_OR_STAFF,
  },
  'typing:start': {
    summary: 'I started typing (relayed as typing:user to the room; join it first)',
    payload: ConversationRefDto,
    ack: ConversationRefDto,
    access: OWNER_OR_STAFF,
  },
  'typing:stop': { summary: 'I stopped typing (relayed as typing:stop)', payload: ConversationRefDto, ack: ConversationRefDto, access: OWNER_OR_STAFF },
  'message:new': {
    summary: 'Send a message: the same pipeline and the same per-user rate limit as POST /conversations/{id}/messages',
    description:
      'The answer arrives in the acknowledgement and as message:received (streamed first as ai:chunk). Over the limit the acknowledgement is a 429 error.',
    payload: SocketMessageDto,
    ack: SendMessageResultDto,
    access: OWNER_OR_STAFF,
  },
  'message:read': { summary: 'Mark messages of others read (relayed as message:read)', payload: SocketReadDto, ack: ReadResultDto, access: OWNER_OR_STAFF },
  'ai:responding': {
    summary: 'My client is generating an AI answer; relayed as ai:responding to the staff watching the conversation (join it first)',
    payload: ConversationRefDto,
    ack: ConversationRefDto,
    access: OWNER_OR_STAFF,
  },
});
