import { Logger, UseFilters } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { GuestCredentials } from '../../common/auth/guest-credentials.js';
import { SessionAuthenticator } from '../../common/auth/session-authenticator.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { PresenceTracker } from './presence.tracker.js';
import { RealtimeService } from './realtime.service.js';
import { rooms } from './rooms.js';
import { AppSocket, handshakeToken } from './socket-auth.js';

/**
 * The Socket.IO server's entry: authenticates every handshake (a user JWT, or a guest token such as a
 * donor's, which joins only the room of its one resource), joins a user's own rooms, and reports
 * connects and disconnects to the presence tracker. Feature gateways add handlers on the same server.
 */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly authenticator: SessionAuthenticator,
    private readonly realtime: RealtimeService,
    private readonly guests: GuestCredentials,
    private readonly presence: PresenceTracker,
  ) {}

  afterInit(server: Server): void {
    this.realtime.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket as AppSocket)
        .then((ok) => next(ok ? undefined : Object.assign(new Error('Unauthorized'), { data: { error: 'UNAUTHORIZED' } })))
        .catch((error: unknown) => {
          this.logger.warn(`Handshake failed: ${(error as Error).message}`);
          next(Object.assign(new Error('Unauthorized'), { data: { error: 'UNAUTHORIZED' } }));
        });
    });
  }

  async handleConnection(socket: AppSocket): Promise<void> {
    const { user, guest } = socket.data;
    if (guest) await socket.join(`${guest.kind}:${guest.scopeId}`);
    if (!user) return;
    await socket.join([rooms.user(user.id), rooms.role(user.role)]);
    await this.presence.connected(user, socket.id);
  }

  async handleDisconnect(socket: AppSocket): Promise<void> {
    const user = socket.data.user;
    if (user) await this.presence.disconnected(user, socket.id);
  }

  private async authenticate(socket: AppSocket): Promise<boolean> {
    const token = handshakeToken(socket);
    if (!token) return false;
    const user = await this.authenticator.authenticate(token);
    if (user) {
      socket.data.user = user;
      return true;
    }
    const guest = await this.guests.verifyAny(token);
    if (guest) socket.data.guest = guest;
    return Boolean(guest);
  }
}
