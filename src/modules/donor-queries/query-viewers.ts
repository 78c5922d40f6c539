import type { SocketData } from '../../infra/realtime/socket-auth.js';

export interface Viewer {
  id: string;
  name: string;
}

/**
 * Who has a query open, from the sockets in its room (on every instance, through the Socket.IO
 * adapter): each staff user once, however many tabs they have; the donor's own socket is no viewer.
 */
export function viewersOf(sockets: readonly { data: SocketData }[]): Viewer[] {
  const unique = new Map<string, Viewer>();
  for (const { data } of sockets) {
    if (data.user && !unique.has(data.user.id)) unique.set(data.user.id, { id: data.user.id, name: data.name ?? 'Staff' });
  }
  return [...unique.values()];
}
