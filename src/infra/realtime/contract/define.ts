import type { AccessRule } from '../../../common/auth/access.decorators.js';
import type { RoomKind } from '../rooms.js';

/** A payload is documented by a class with `@ApiProperty` fields: its instances type the emit, its metadata the JSON Schema. */
export type PayloadClass = abstract new (...args: never[]) => object;

/** Who gets an event in one kind of room, and (rarely) a payload of their own there. */
export interface Delivery {
  audience: string;
  payload?: PayloadClass;
}

/** A server → client event. */
export interface ServerEventSpec {
  summary: string;
  description?: string;
  payload: PayloadClass;
  /** The rooms it is emitted to, each with who receives it there. */
  to: Partial<Record<RoomKind, string | Delivery>>;
}

/** A client → server event. Every one is answered through the acknowledgement with the envelope. */
export interface ClientEventSpec {
  summary: string;
  description?: string;
  payload: PayloadClass;
  /** The payload may also be this field's value alone (the portal's clients send a bare conversation id). */
  bareValueOf?: string;
  /** `data` of a successful acknowledgement. */
  ack: PayloadClass;
  /** Who may send it; the gateway handler takes its access rule from here. */
  access: AccessRule;
}

export const serverEvents = <const T extends Record<string, ServerEventSpec>>(events: T): T => events;
export const clientEvents = <const T extends Record<string, ClientEventSpec>>(events: T): T => events;
