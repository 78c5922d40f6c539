import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';

export interface PresenceListener {
  connected(user: AuthUser, socketId: string): Promise<void>;
  disconnected(user: AuthUser, socketId: string): Promise<void>;
}

/**
 * Forwards socket connects and disconnects to the presence logic the users module registers
 * (persisted isOnline/lastSeen and `users:online`). Without a listener it does nothing.
 */
@Injectable()
export class PresenceTracker {
  private listener?: PresenceListener;

  register(listener: PresenceListener): void {
    this.listener = listener;
  }

  async connected(user: AuthUser, socketId: string): Promise<void> {
    await this.listener?.connected(user, socketId);
  }

  async disconnected(user: AuthUser, socketId: string): Promise<void> {
    await this.listener?.disconnected(user, socketId);
  }
}
