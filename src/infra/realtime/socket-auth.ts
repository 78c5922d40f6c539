import type { Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { GuestPrincipal } from '../../common/auth/guest-credentials.js';

/** What the handshake middleware stores on `socket.data`: a user, or a guest scoped to one resource. */
export interface SocketData {
  user?: AuthUser;
  guest?: GuestPrincipal;
}

export type AppSocket = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>;

export function handshakeToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : undefined;
}
