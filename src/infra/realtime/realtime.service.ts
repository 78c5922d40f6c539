import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { UserRole } from '../../generated/prisma/enums.js';
import { rooms } from './rooms.js';

/**
 * The one way services emit to clients. The gateway hands it the server at start-up; with the Redis
 * adapter an emit here reaches sockets on every instance.
 */
@Injectable()
export class RealtimeService {
  private server?: Server;

  attach(server: Server): void {
    this.server = server;
  }

  toRoom(room: string | string[], event: string, payload: unknown): void {
    this.server?.to(room).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.toRoom(rooms.user(userId), event, payload);
  }

  toRoles(roles: readonly UserRole[], event: string, payload: unknown): void {
    if (roles.length) this.toRoom(roles.map(rooms.role), event, payload);
  }

  /** Adds every socket of a user (on any instance) to a room, e.g. when an admin is assigned. */
  joinUserTo(userId: string, room: string): void {
    this.server?.in(rooms.user(userId)).socketsJoin(room);
  }

  leaveUserFrom(userId: string, room: string): void {
    this.server?.in(rooms.user(userId)).socketsLeave(room);
  }

  /** Closes every socket of a user on every instance (deactivated, deleted, or role changed). */
  disconnectUser(userId: string): void {
    this.server?.in(rooms.user(userId)).disconnectSockets(true);
  }

  async socketCount(room: string): Promise<number> {
    if (!this.server) return 0;
    return (await this.server.in(room).fetchSockets()).length;
  }
}
