import type { ConversationStatus, SupportTicketStatus } from '../../generated/prisma/enums.js';

/** Conversation: active → resolved | escalated; escalated → resolved | active; resolved → active (reopen). */
export const CONVERSATION_TRANSITIONS: Readonly<Record<ConversationStatus, readonly ConversationStatus[]>> = {
  ACTIVE: ['RESOLVED', 'ESCALATED'],
  ESCALATED: ['RESOLVED', 'ACTIVE'],
  RESOLVED: ['ACTIVE'],
};

/** Support ticket: open → in progress → resolved → closed, with reopening until it is closed. */
export const TICKET_TRANSITIONS: Readonly<Record<SupportTicketStatus, readonly SupportTicketStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'RESOLVED', 'CLOSED'],
  IN_PROGRESS: ['OPEN', 'RESOLVED', 'CLOSED'],
  RESOLVED: ['IN_PROGRESS', 'CLOSED'],
  CLOSED: [],
};

export const canMove = <S extends string>(table: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean => table[from].includes(to);
