import { io, Socket } from 'socket.io-client';

/** Connects an authenticated Socket.IO client (WebSocket transport); rejects on a refused handshake. */
export function connectSocket(baseUrl: string, token: string | undefined, timeoutMs = 5_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, {
      transports: ['websocket'],
      auth: token === undefined ? {} : { token },
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Resolves with the next payload of `event`, or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 3_000): Promise<T> {
  return nextMatching<T>(socket, event, () => true, timeoutMs);
}

/** The next `event` whose payload satisfies `match` (others are skipped), or a rejection after `timeoutMs`. */
export function nextMatching<T>(socket: Socket, event: string, match: (payload: T) => boolean, timeoutMs = 3_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`No matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent);
      resolve(payload);
    };
    socket.on(event, onEvent);
  });
}

/** Resolves true if `event` arrives within `ms`, false otherwise; for "must not receive" assertions. */
export function receivesWithin(socket: Socket, event: string, ms = 300): Promise<boolean> {
  return nextEvent(socket, event, ms).then(
    () => true,
    () => false,
  );
}

/** Emits with an acknowledgement and resolves with the server's answer. */
export function emitWithAck<T = unknown>(socket: Socket, event: string, payload: unknown, timeoutMs = 3_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}
