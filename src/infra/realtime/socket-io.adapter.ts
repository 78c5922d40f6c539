import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import type { RedisConnections } from '../redis/redis-connections.js';

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
    if (this.redis) {
      const { connections, keyPrefix } = this.redis;
      server.adapter(createAdapter(connections.publisher, connections.subscriber, { key: `${keyPrefix}socket.io` }));
    }
    return server;
  }
}
