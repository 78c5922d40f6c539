import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { isStaff, STAFF_ROLES } from '../../common/auth/roles.js';
import { badRequest, conflict, forbidden } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { Conversation, Prisma } from '../../generated/prisma/client.js';
import { UsersService } from '../users/index.js';
import { ChatEvents } from './chat-events.js';
import { ConversationsRepository, type Viewer } from './conversations.repository.js';
import type {
  ConversationDto,
  ConversationQueryDto,
  CreateConversationDto,
  EscalateDto,
  SubmitCsatDto,
  UpdateConversationDto,
} from './dto/conversation.dto.js';
import type { SupportTicketDto } from './dto/support-ticket.dto.js';
import { HandoverService } from './handover.service.js';
import { toConversationDto } from './message.mapper.js';
import { canMove, CONVERSATION_TRANSITIONS } from './state-machines.js';
import { toTicketDto } from './support-tickets.service.js';

export const DEFAULT_CONVERSATION_TITLE = 'New conversation';

export const viewerOf = (user: AuthUser): Viewer => ({ id: user.id, staff: isStaff(user.role) });

@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly users: UsersService,
    private readonly handover: HandoverService,
    private readonly events: ChatEvents,
  ) {}

  /** The conversation if `user` owns it or is staff; 404 for missing and for someone else's alike. */
  async visible(user: AuthUser, id: string): Promise<Conversation> {
    return foundOr404(await this.conversations.findVisible(id, viewerOf(user)), 'Conversation');
  }

  async create(user: AuthUser, dto: CreateConversationDto): Promise<ConversationDto> {
    const conversation = await this.conversations.create({ userId: user.id, title: dto.title ?? DEFAULT_CONVERSATION_TITLE, category: dto.category });
    return toConversationDto(conversation);
  }

  async list(user: AuthUser, query: ConversationQueryDto): Promise<Page<ConversationDto>> {
    const { status, sentiment, category, userId, assignedAgentId, from, to, archived, search } = query;
    const filter = { status, sentiment, category, userId, assignedAgentId, from, to, archived, search };
    const { items, total } = await this.conversations.list(viewerOf(user), filter, pageArgs(query));
    return toPage(items, total, query, toConversationDto);
  }

  async get(user: AuthUser, id: string): Promise<ConversationDto> {
    return toConversationDto(await this.visible(user, id));
  }

  /**
   * The owner deletes a conversation: it is archived, gone from the owner's lists and reads (404 from
   * then on) and kept for staff and analytics. Staff may see the conversations of others but not
   * delete them (403); someone else's is 404 like a missing one.
   */
  async archive(user: AuthUser, id: string): Promise<void> {
    const current = await this.visible(user, id);
    if (current.userId !== user.id) throw forbidden('Only its owner may delete a conversation');
    const archived = foundOr404(await this.conversations.archive(id, user.id), 'Conversation');
    const dto = toConversationDto(archived);
    this.events.conversationUpdated(dto);
    this.events.ownerLeft(dto);
  }

  async update(user: AuthUser, id: string, dto: UpdateConversationDto): Promise<ConversationDto> {
    const current = await this.visible(user, id);
    const staff = isStaff(user.role);
    if (!staff && (dto.status !== undefined || dto.assignedAgentId !== undefined)) {
      throw forbidden('Only support staff may change the status or the assignment of a conversation');
    }
    let updated = current;
    if (dto.title !== undefined || dto.category !== undefined) {
      updated = await this.conversations.update(id, { title: dto.title, category: dto.category });
    }
    if (dto.assignedAgentId !== undefined && dto.assignedAgentId !== current.assignedAgentId) {
      updated = await this.reassign(current, dto.assignedAgentId);
    }
    if (dto.status !== undefined) {
      // Setting the current status again is refused too, so that of two racing requests only one succeeds.
      if (!canMove(CONVERSATION_TRANSITIONS, current.status, dto.status)) {
        throw conflict('INVALID_TRANSITION', `A ${current.status} conversation cannot become ${dto.status}`);
      }
      const moved = await this.conversations.transition(id, current.status, {
        status: dto.status,
        resolvedAt: dto.status === 'RESOLVED' ? new Date() : null,
        // A reopened conversation goes back to the bot.
        ...(dto.status === 'ACTIVE' ? { assignedAgentId: null } : {}),
      });
      if (!moved) throw conflict('CONCURRENT_UPDATE', 'The conversation changed meanwhile; reload and try again');
      updated = moved;
    }
    const result = toConversationDto(updated);
    this.events.conversationUpdated(result);
    return result;
  }

  private async reassign(current: Conversation, agentId: string | null): Promise<Conversation> {
    if (agentId === null) return this.conversations.update(current.id, { assignedAgentId: null });
    const agent = await this.users.findActiveWithRole(agentId, STAFF_ROLES);
    if (!agent)
      throw badRequest('INVALID_ASSIGNEE', 'The assignee must be an active support agent or admin', [
        { field: 'assignedAgentId', message: 'not an active staff member' },
      ]);
    const updated = await this.conversations.update(current.id, { assignedAgentId: agentId, isAgentInvolved: true });
    this.events.agentJoined(toConversationDto(updated), { id: agent.id, name: agent.name });
    return updated;
  }

  /** A support agent takes over an unassigned conversation; of two racing agents one wins. */
  async join(staff: AuthUser, id: string): Promise<ConversationDto> {
    const current = await this.visible(staff, id);
    if (current.status === 'RESOLVED') throw conflict('INVALID_STATE', 'The conversation is resolved');
    if (current.assignedAgentId === staff.id) return toConversationDto(current);
    const assigned = await this.conversations.assignIfFree(id, staff.id);
    if (!assigned) throw conflict('ALREADY_ASSIGNED', 'Another agent already handles this conversation');
    const summary = await this.users.getSummary(staff.id);
    const dto = toConversationDto(assigned);
    this.events.agentJoined(dto, { id: staff.id, name: summary?.name ?? 'Support agent' });
    return dto;
  }

  /** Hands the conversation to humans: ticket with a handover summary, status ESCALATED, staff notified. */
  async escalate(user: AuthUser, id: string, dto: EscalateDto): Promise<{ conversation: ConversationDto; ticket: SupportTicketDto }> {
    const current = await this.visible(user, id);
    if (current.status !== 'ACTIVE') throw conflict('INVALID_TRANSITION', `A ${current.status} conversation cannot be escalated`);
    const summary = await this.handover.summarise(current, dto.reason);
    const result = await this.conversations.escalate(
      id,
      {
        requesterId: current.userId,
        subject: current.title,
        reason: dto.reason ?? null,
        priority: current.sentiment === 'FRUSTRATED' ? 'HIGH' : 'MEDIUM',
        handoverSummary: summary as unknown as Prisma.InputJsonValue,
      },
      'This conversation was handed to our support team. A human agent will join shortly.',
    );
    if (!result) throw conflict('INVALID_TRANSITION', 'The conversation was escalated or closed meanwhile');
    const conversation = toConversationDto(result.conversation);
    const ticket = toTicketDto(result.ticket);
    this.events.ticketCreated(ticket);
    this.events.conversationUpdated(conversation);
    return { conversation, ticket };
  }

  async submitCsat(user: AuthUser, id: string, dto: SubmitCsatDto): Promise<ConversationDto> {
    const current = foundOr404(await this.conversations.findVisible(id, { id: user.id, staff: false }), 'Conversation');
    if (current.status !== 'RESOLVED') throw conflict('INVALID_STATE', 'Only a resolved conversation can be rated');
    const rated = await this.conversations.submitCsat(id, user.id, dto.rating, dto.comment ?? null);
    if (!rated) throw conflict('ALREADY_RATED', 'This conversation has already been rated');
    return toConversationDto(rated);
  }
}
