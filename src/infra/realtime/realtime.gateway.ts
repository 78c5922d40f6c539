import { HttpStatus, Logger, UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { AccessTokenService } from '../../common/auth/access-token.service.js';
import { GuestCredentials } from '../../common/auth/guest-credentials.js';
import { SessionAuthenticator } from '../../common/auth/session-authenticator.js';
import { AppError } from '../../common/http/app-error.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { ack, ClientEvent } from '../../common/ws/client-event.decorator.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { RefreshSocketTokenDto } from './contract/account.contract.js';
import { PresenceTracker } from './presence.tracker.js';
import { RealtimeService } from './realtime.service.js';
import { rooms } from './rooms.js';
import { handshakeToken, type AppServer, type AppSocket } from './socket-auth.js';
import { SocketSessions } from './socket-sessions.js';

const unauthorized = (message = 'Unauthorized') => Object.assign(new Error(message), { data: { error: 'UNAUTHORIZED' } });

/**
 * The Socket.IO server's entry: authenticates every handshake (a user JWT, or a guest token such as a
 * donor's, which joins only the room of its one resource), joins a user's own rooms, ends a user
 * socket when its token expires (unless refreshed with `auth:refresh`), and reports connects and
 * disconnects to the presence tracker. Feature gateways add handlers on the same server.
 */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
@UsePipes(createValidationPipe())
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly authenticator: SessionAuthenticator,
    private readonly tokens: AccessTokenService,
    private readonly realtime: RealtimeService,
    private readonly guests: GuestCredentials,
    private readonly presence: PresenceTracker,
    private readonly sessions: SocketSessions,
  ) {}

  afterInit(server: AppServer): void {
    this.realtime.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket)
        .then((ok) => next(ok ? undefined : unauthorized()))
        .catch((error: unknown) => {
          this.logger.warn(`Handshake failed: ${(error as Error).message}`);
          next(unauthorized());
        });
    });
  }

  async handleConnection(socket: AppSocket): Promise<void> {
    const { user, guest } = socket.data;
    if (guest) await socket.join(`${guest.kind}:${guest.scopeId}`);
    if (!user) return;
    // An event that arrives after the token expired (the timer not yet run) ends the session instead.
    socket.use((_packet, next) => (this.sessions.expired(socket) ? this.sessions.end(socket) : next()));
    this.sessions.watch(socket);
    await socket.join([rooms.user(user.id), rooms.role(user.role)]);
    await this.presence.connected(user, socket.id);
  }

  async handleDisconnect(socket: AppSocket): Promise<void> {
    this.sessions.forget(socket);
    const user = socket.data.user;
    if (user) await this.presence.disconnected(user, socket.id);
  }

  /** A fresh access token of the same user moves the socket's expiry; anything else changes nothing. */
  @ClientEvent('auth:refresh')
  async refresh(@ConnectedSocket() socket: AppSocket, @MessageBody() dto: RefreshSocketTokenDto) {
    const current = socket.data.user;
    const user = await this.authenticator.authenticate(dto.token);
    const exp = this.tokens.verify(dto.token)?.exp;
    if (!current || !user || user.id !== current.id || exp === undefined) {
      throw new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'A valid access token of the signed-in user is required');
    }
    if (user.role !== current.role) {
      throw new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'The role changed; reconnect with the new token');
    }
    socket.data.user = user;
    socket.data.expiresAt = exp * 1000;
    this.sessions.watch(socket);
    return ack({ expiresAt: new Date(socket.data.expiresAt) });
  }

  private async authenticate(socket: AppSocket): Promise<boolean> {
    const token = handshakeToken(socket);
    if (!token) return false;
    const user = await this.authenticator.authenticate(token);
    if (user) {
      socket.data.user = user;
      const exp = this.tokens.verify(token)?.exp;
      if (exp !== undefined) socket.data.expiresAt = exp * 1000;
      return true;
    }
    const guest = await this.guests.verifyAny(token);
    if (guest) socket.data.guest = guest;
    return Boolean(guest);
  }
}
