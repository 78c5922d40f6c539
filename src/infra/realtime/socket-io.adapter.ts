import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server as HttpServer } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { installSocketRequestContext } from '../logging/request-context.js';
import type { RedisConnections } from '../redis/redis-connections.js';

/** The Socket.IO servers attached to each HTTP server, so that a shutdown can close them before the database. */
const serversByHttpServer = new WeakMap<object, Set<Server>>();

/**
 * Socket.IO on the HTTP server: WebSocket transport only (no long-polling, so no sticky sessions are
 * needed behind a load balancer) and the same CORS allowlist as HTTP. With Redis, the Redis adapter
 * makes a room emit on one instance reach the sockets connected to every instance.
 */
export class AppSocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
    private readonly redis?: { connections: RedisConnections; keyPrefix: string },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>) {
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      path: options?.path ?? '/socket.io',
      transports: ['websocket'],
      cors: { origin: this.corsOrigins, credentials: true },
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    // Before the gateways' middleware and handlers: their log lines carry the handshake's or the event's id.
    installSocketRequestContext(server.of('/'));
    if (this.redis) {
      const { connections, keyPrefix } = this.redis;
      server.adapter(createAdapter(connections.publisher, connections.subscriber, { key: `${keyPrefix}socket.io` }));
    }
    if (this.httpServer) {
      const servers = serversByHttpServer.get(this.httpServer) ?? new Set<Server>();
      servers.add(server);
      serversByHttpServer.set(this.httpServer, servers);
    }
    return server;
  }
}

/**
 * Ends every Socket.IO connection on `httpServer` the way a lost connection ends: the transport is
 * closed, so clients see "transport close" and reconnect by themselves (to another instance, or to
 * this one once it is back), unlike `disconnect()`, which tells them not to. Resolves once the
 * server-side disconnect handlers have run, or after `timeoutMs`.
 */
export async function closeSocketConnections(httpServer: HttpServer | object, timeoutMs: number): Promise<void> {
  const servers = [...(serversByHttpServer.get(httpServer) ?? [])];
  for (const server of servers) server.engine.close();
  const deadline = Date.now() + timeoutMs;
  while (servers.some((server) => server.engine.clientsCount > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
