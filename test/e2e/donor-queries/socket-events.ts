import type { Socket } from 'socket.io-client';

/** Every event the socket receives from now on, in order. */
export function recordEvents(socket: Socket): { event: string; payload: unknown }[] {
  const seen: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}
