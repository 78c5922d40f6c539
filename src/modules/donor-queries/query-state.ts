import type { DonorQueryStatus, UserRole } from '../../generated/prisma/enums.js';

/** The donor query state machine (one place): which statuses each transition starts from. */
export const OPEN_STATUSES: readonly DonorQueryStatus[] = ['IN_PROGRESS', 'TRANSFERRED'];
export const CLOSED_STATUSES: readonly DonorQueryStatus[] = ['RESOLVED', 'CLOSED_BY_DONOR'];

export const QUERY_TRANSITIONS = {
  /** Accept: an open query nobody holds yet. */
  accept: ['IN_PROGRESS'],
  resolve: OPEN_STATUSES,
  transfer: OPEN_STATUSES,
  donorClose: OPEN_STATUSES,
  /** A donor writing again after the query was closed reopens it. */
  reopen: CLOSED_STATUSES,
} as const satisfies Record<string, readonly DonorQueryStatus[]>;

export type QueryTransition = keyof typeof QUERY_TRANSITIONS;

export const canTransition = (transition: QueryTransition, from: DonorQueryStatus): boolean =>
  (QUERY_TRANSITIONS[transition] as readonly DonorQueryStatus[]).includes(from);

export const isOpen = (status: DonorQueryStatus): boolean => OPEN_STATUSES.includes(status);

/** Resolve, transfer, reply and call on an assigned query: its assignee, or a SUPER_ADMIN. */
export const mayHandle = (query: { assignedToId: string | null }, user: { id: string; role: UserRole }): boolean =>
  user.role === 'SUPER_ADMIN' || (query.assignedToId !== null && query.assignedToId === user.id);
