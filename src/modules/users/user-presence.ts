import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { PresenceListener, PresenceTracker } from '../../infra/realtime/presence.tracker.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { UsersRepository } from './users.repository.js';

export const USERS_ONLINE_EVENT = 'users:online';

/** Payload of `users:online`: one user's presence changed. `GET /users/online` gives the full list. */
export interface PresenceChange {
  userId: string;
  name: string;
  role: AuthUser['role'];
  isOnline: boolean;
  lastSeenAt: string;
}

/**
 * Persists isOnline/lastSeenAt and tells staff when a user comes online or goes offline. A user with
 * several sockets counts once: online when the first connects (the database flag flips only once),
 * offline when no socket of theirs is left in their `user:<id>` room (counted across instances).
 * Events of one user are handled one after another so a quick reconnect cannot overtake a disconnect.
 */
@Injectable()
export class UserPresence implements PresenceListener, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UserPresence.name);
  private readonly queues = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly tracker: PresenceTracker,
    private readonly realtime: RealtimeService,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.tracker.register(this);
  }

  /** On shutdown, finish the updates under way (before the database closes) and start no new ones. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.all(this.queues.values());
  }

  connected(user: AuthUser): Promise<void> {
    return this.serially(user.id, async () => {
      const since = await this.users.markOnline(user.id);
      if (since) await this.announce(user, true, since);
    });
  }

  disconnected(user: AuthUser): Promise<void> {
    return this.serially(user.id, async () => {
      if ((await this.socketsLeft(user.id)) > 0) return;
      const lastSeenAt = await this.users.markOffline(user.id);
      if (!lastSeenAt) return;
      // A socket that joined on another instance between the count and the update found the user
      // still online and changed nothing: count again, and put the flag back rather than announce.
      if ((await this.socketsLeft(user.id)) > 0) {
        await this.users.markOnline(user.id);
        return;
      }
      await this.announce(user, false, lastSeenAt);
    });
  }

  private socketsLeft(userId: string): Promise<number> {
    return this.realtime.socketCount(rooms.user(userId));
  }

  private async announce(user: AuthUser, isOnline: boolean, lastSeenAt: Date): Promise<void> {
    const summary = await this.users.findSummary(user.id);
    const change: PresenceChange = {
      userId: user.id,
      name: summary?.name ?? '',
      role: summary?.role ?? user.role,
      isOnline,
      lastSeenAt: lastSeenAt.toISOString(),
    };
    this.realtime.toRoles(STAFF_ROLES, USERS_ONLINE_EVENT, change);
  }

  private serially(userId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.closing ? undefined : work()))
      .catch((error: unknown) => this.logger.warn(`Presence update for ${userId} failed: ${(error as Error).message}`))
      .finally(() => {
        if (this.queues.get(userId) === next) this.queues.delete(userId);
      });
    this.queues.set(userId, next);
    return next;
  }
}
