import { Injectable } from '@nestjs/common';
import type { UserRole } from '../../generated/prisma/enums.js';
import type { SessionEndReason } from './contract/account.contract.js';
import type { RoomKindOf, ServerEventName, ServerPayload } from './contract/index.js';
import { rooms, type Room } from './rooms.js';
import type { AppServer } from './socket-auth.js';

/** The events that may be emitted to rooms of kind K. */
type EventFor<K extends string> = { [N in ServerEventName]: K extends RoomKindOf<N> ? N : never }[ServerEventName];

/**
 * The one way services emit to clients, typed by the realtime contract: an event goes only to the
 * kinds of room it is declared for, with its declared payload. The gateway hands it the server at
 * start-up; with the Redis adapter an emit here reaches sockets on every instance.
 */
@Injectable()
export class RealtimeService {
  private server?: AppServer;

  attach(server: AppServer): void {
    this.server = server;
  }

  toRoom<E extends ServerEventName, K extends RoomKindOf<E>>(
    room: Room<K> | readonly Room<K>[],
    event: E,
    payload: ServerPayload<E, K>,
    options: { except?: Room<'user'> } = {},
  ): void {
    if (!this.server) return;
    const target = this.server.to(room as string | string[]);
    // The signature above does the checking; Socket.IO's own generic emit cannot follow a generic event name.
    const operator = (options.except ? target.except(options.except) : target) as unknown as { emit(event: string, payload: unknown): void };
    operator.emit(event, payload);
  }

  toUser<E extends EventFor<'user'>>(userId: string, event: E, payload: ServerPayload<E, 'user' & RoomKindOf<E>>): void {
    this.emitTo([rooms.user(userId)], event, payload);
  }

  toRoles<E extends EventFor<'role'>>(roles: readonly UserRole[], event: E, payload: ServerPayload<E, 'role' & RoomKindOf<E>>): void {
    if (roles.length) this.emitTo(roles.map(rooms.role), event, payload);
  }

  private emitTo(targets: string[], event: string, payload: unknown): void {
    (this.server?.to(targets) as unknown as { emit(event: string, payload: unknown): void } | undefined)?.emit(event, payload);
  }

  /** Adds every socket of a user (on any instance) to a room, e.g. when an admin is assigned. */
  joinUserTo(userId: string, room: Room): void {
    this.server?.in(rooms.user(userId)).socketsJoin(room);
  }

  leaveUserFrom(userId: string, room: Room): void {
    this.server?.in(rooms.user(userId)).socketsLeave(room);
  }

  /**
   * Ends every socket of a user on every instance (password changed, deactivated, deleted, role
   * changed), telling them why first.
   */
  disconnectUser(userId: string, reason: Exclude<SessionEndReason, 'token_expired'>): void {
    this.toUser(userId, 'auth:session_ended', { reason });
    this.server?.in(rooms.user(userId)).disconnectSockets(true);
  }

  /** The sockets in a room on every instance, with what the handshake stored on them. */
  async socketsIn(room: Room) {
    return this.server ? this.server.in(room).fetchSockets() : [];
  }

  async socketCount(room: Room): Promise<number> {
    return (await this.socketsIn(room)).length;
  }
}
