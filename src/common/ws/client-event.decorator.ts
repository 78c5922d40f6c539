import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import { CLIENT_EVENTS, type AckData, type ClientEventName } from '../../infra/realtime/contract/index.js';
import { ACCESS_KEY } from '../auth/access.decorators.js';

/** A successful acknowledgement; failures are answered by WsExceptionsFilter with the error envelope. */
export type AckOk<T> = { success: true; data: T };

export const ack = <T>(data: T): AckOk<T> => ({ success: true, data });

type Handler<E extends ClientEventName> = (...args: never[]) => AckOk<AckData<E>> | Promise<AckOk<AckData<E>>>;

/**
 * Marks a gateway method as the handler of a client event of the realtime contract: the event name
 * must be declared there, the method must answer with the declared acknowledgement, and who may
 * send the event (`access`) is taken from the contract, so the guard and the docs agree.
 */
export function ClientEvent<E extends ClientEventName>(event: E) {
  const decorate = applyDecorators(SubscribeMessage(event), SetMetadata(ACCESS_KEY, CLIENT_EVENTS[event].access));
  return <M extends Handler<E>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    decorate(target, key, descriptor);
  };
}
