import type { UserRole } from '../../generated/prisma/enums.js';

/**
 * The rooms a socket can be in. `user` and `role` are joined in the handshake, `query` too for a
 * donor's socket; the others are joined on request (`conversation:join`, `query:join`,
 * `proctoring:watch`). `socket` is not a room: it stands for the one socket an answer goes to.
 */
export const ROOM_KINDS = ['user', 'role', 'conversation', 'query', 'session', 'socket'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** A room name of one kind, typed so that an event can only be emitted to the rooms it is declared for. */
export type Room<K extends RoomKind = RoomKind> = `${K}:${string}`;

/** Room names used across the app; build them here so emitters and joiners agree. */
export const rooms = {
  user: (id: string): Room<'user'> => `user:${id}`,
  role: (role: UserRole): Room<'role'> => `role:${role}`,
  conversation: (id: string): Room<'conversation'> => `conversation:${id}`,
  query: (id: string): Room<'query'> => `query:${id}`,
  session: (id: string): Room<'session'> => `session:${id}`,
};
