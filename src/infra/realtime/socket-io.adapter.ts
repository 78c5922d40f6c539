import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';

/**
 * Socket.IO on the HTTP server: WebSocket transport only (no long-polling, so no sticky sessions are
 * needed behind a load balancer) and the same CORS allowlist as HTTP.
 */
export class AppSocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>) {
    return super.createIOServer(port, {
      ...(options as ServerOptions),
      path: options?.path ?? '/socket.io',
      transports: ['websocket'],
      cors: { origin: this.corsOrigins, credentials: true },
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
  }
}
