import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './generated/events.js';
import type { Session } from './session.js';

/** A socket typed by the server's event contract: `on` knows every payload, `emitWithAck` every answer. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Reasons after which a fresh token may open the socket again; the others need a new sign-in. */
const RECOVERABLE = new Set(['token_expired', 'role_changed', 'status_changed']);

export interface RealtimeOptions {
  baseUrl: string;
  session: Session;
  /** Extra socket.io-client options; the transport is always WebSocket. */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

/**
 * Connects to the server's Socket.IO endpoint with the session's access token and keeps the socket
 * signed in: before the token expires it refreshes it and sends it with `auth:refresh`; if the server
 * still ends the session for a reason a fresh token fixes, it reconnects with one. A session that
 * ended for good (password changed, account deleted) leaves the socket closed.
 */
const REFRESH_RETRY_MS = 5_000;

export function connectRealtime(options: RealtimeOptions): RealtimeSocket {
  const { session } = options;
  const socket: RealtimeSocket = io(options.baseUrl, {
    ...options.socket,
    transports: ['websocket'],
    // Without a token (the refresh failed) the handshake is refused and `connect_error` says so.
    auth: (send) => {
      session.accessToken().then(
        (token) => send({ token }),
        () => send({}),
      );
    },
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const keepFresh = () => {
    clearTimeout(timer);
    const expiresAt = session.expiresAt;
    if (expiresAt === undefined) return;
    const sendFreshToken = async () => {
      const token = await session.refresh();
      if (token && socket.connected) {
        const answer = await socket
          .timeout(10_000)
          .emitWithAck('auth:refresh', { token })
          .catch(() => undefined);
        if (answer?.success) keepFresh();
      }
    };
    // A refresh that fails (network down) is tried again until the socket closes.
    const attempt = () => {
      sendFreshToken().catch(() => {
        timer = setTimeout(attempt, REFRESH_RETRY_MS);
      });
    };
    timer = setTimeout(attempt, Math.max(0, expiresAt - session.refreshMarginMs - Date.now()));
  };

  let endedBecause: string | undefined;
  socket.on('connect', () => {
    endedBecause = undefined;
    keepFresh();
  });
  socket.on('auth:session_ended', ({ reason }) => {
    endedBecause = reason;
  });
  socket.on('disconnect', (reason) => {
    clearTimeout(timer);
    if (reason !== 'io server disconnect' || !endedBecause) return;
    if (!RECOVERABLE.has(endedBecause)) return session.signOut();
    session.refresh().then(
      (token) => token && socket.connect(),
      () => socket.connect(), // the handshake refreshes again, or reports connect_error
    );
  });
  return socket;
}
