import type { AuthUser } from '../../../common/auth/auth-user.js';
import type { GuestPrincipal } from '../../../common/auth/guest-credentials.js';
import type { RoomKind } from '../rooms.js';
import { accountClientEvents, accountServerEvents } from './account.contract.js';
import { chatClientEvents, chatServerEvents } from './chat.contract.js';
import { connectionServerEvents, type SocketErrorDto } from './connection.contract.js';
import type { PayloadClass } from './define.js';
import { donorDeskClientEvents, donorDeskServerEvents } from './donor-desk.contract.js';
import { gigsServerEvents } from './gigs.contract.js';
import { proctoringClientEvents, proctoringServerEvents } from './proctoring.contract.js';

/**
 * The realtime contract: every event the server emits and every event it accepts, with its payload,
 * its rooms and who receives or may send it. `RealtimeService`, the gateways and the typed Socket.IO
 * server are typed by it, `asyncapi.json` is generated from it, and the client package is generated
 * from that document.
 */
export const SERVER_EVENTS = {
  ...accountServerEvents,
  ...chatServerEvents,
  ...donorDeskServerEvents,
  ...gigsServerEvents,
  ...proctoringServerEvents,
  ...connectionServerEvents,
};

export const CLIENT_EVENTS = {
  ...accountClientEvents,
  ...chatClientEvents,
  ...donorDeskClientEvents,
  ...proctoringClientEvents,
};

type ServerContract = typeof SERVER_EVENTS;
type ClientContract = typeof CLIENT_EVENTS;
export type ServerEventName = keyof ServerContract;
export type ClientEventName = keyof ClientContract;

type Instance<C> = C extends PayloadClass ? InstanceType<C> : never;

/** The room kinds an event is declared for. */
export type RoomKindOf<E extends ServerEventName> = keyof ServerContract[E]['to'] & RoomKind;

/** The payload of an event in rooms of kind K (a room may declare a payload of its own). */
export type ServerPayload<E extends ServerEventName, K extends RoomKindOf<E> = RoomKindOf<E>> = ServerContract[E]['to'][K] extends { payload: infer P }
  ? Instance<P>
  : Instance<ServerContract[E]['payload']>;

export type ClientPayload<E extends ClientEventName> = Instance<ClientContract[E]['payload']>;
export type AckData<E extends ClientEventName> = Instance<ClientContract[E]['ack']>;

/** What every client event is answered with. */
export type Ack<T> = { success: true; data: T } | SocketErrorDto;

/** Socket.IO's typed-events maps (server → client and client → server). */
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerPayload<E>) => void };
export type ClientToServerEvents = { [E in ClientEventName]: (payload: ClientPayload<E>, ack: (answer: Ack<AckData<E>>) => void) => void };
/** Instances talk to each other only through the Redis adapter's own requests. */
export type InterServerEvents = Record<string, never>;

/** What the handshake and the gateways keep on `socket.data`: a user (with its token's expiry) or a guest. */
export interface SocketData {
  user?: AuthUser;
  /** Epoch ms when the user's access token expires; the socket is closed then unless refreshed. */
  expiresAt?: number;
  /** The user's display name, read when they open a donor query (query:viewers). */
  name?: string;
  guest?: GuestPrincipal;
}

export type { SocketErrorDto };
