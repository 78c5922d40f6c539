/**
 * The CX platform's typed client for web and mobile apps: the REST API (types generated from
 * openapi.json, calls through openapi-fetch) and the Socket.IO events (types generated from
 * asyncapi.json, socket.io-client), sharing one session that refreshes its tokens.
 */
import { connectRealtime, type RealtimeSocket } from './realtime.js';
import { createApiClient, type ApiClient } from './rest.js';
import { Session, type SessionOptions } from './session.js';

export { connectRealtime, createApiClient, Session };
export { tokenExpiry, type Fetch, type TokenPair, type Tokens, type SessionOptions } from './session.js';
export type { ApiClient } from './rest.js';
export type { RealtimeOptions, RealtimeSocket } from './realtime.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { Ack, ClientToServerEvents, ServerToClientEvents, components as EventSchemas } from './generated/events.js';

export interface CxClient {
  session: Session;
  api: ApiClient;
  /** Opens a socket signed in with the session (call after signing in). */
  connect(options?: { socket?: Parameters<typeof connectRealtime>[0]['socket'] }): RealtimeSocket;
}

/** One session, its REST client and its sockets. */
export function createCxClient(options: SessionOptions): CxClient {
  const session = new Session(options);
  const api = createApiClient({ baseUrl: options.baseUrl, session, fetch: options.fetch });
  return { session, api, connect: (extra = {}) => connectRealtime({ baseUrl: options.baseUrl, session, socket: extra.socket }) };
}
