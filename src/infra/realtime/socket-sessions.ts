import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { AppSocket } from './socket-auth.js';

/** setTimeout's longest delay (about 24.8 days); a later expiry is checked again when it fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * A user socket lives no longer than its access token: it is closed when the token expires, unless
 * the client sent a fresh one (`auth:refresh`) before. Every event it sends is refused once expired,
 * should the timer be late.
 */
@Injectable()
export class SocketSessions implements OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Starts (or restarts, after a refresh) the clock of a socket whose `data.expiresAt` is set. */
  watch(socket: AppSocket): void {
    this.forget(socket);
    const expiresAt = socket.data.expiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(socket.id);
        if (this.expired(socket)) this.end(socket);
        else this.watch(socket);
      },
      Math.min(Math.max(expiresAt - Date.now(), 0), MAX_DELAY_MS),
    );
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  forget(socket: AppSocket): void {
    clearTimeout(this.timers.get(socket.id));
    this.timers.delete(socket.id);
  }

  expired(socket: AppSocket): boolean {
    return socket.data.expiresAt !== undefined && socket.data.expiresAt <= Date.now();
  }

  /** Tells the client why, then closes the socket (the client refreshes its token and reconnects). */
  end(socket: AppSocket): void {
    this.forget(socket);
    if (!socket.connected) return;
    socket.emit('auth:session_ended', { reason: 'token_expired' });
    socket.disconnect(true);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
