import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { ack, ClientEvent } from '../../common/ws/client-event.decorator.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { HeartbeatDto, SocketViolationDto, WatchSessionDto } from './dto/session.dto.js';
import { MonitoringService } from './monitoring.service.js';

/**
 * Client → server: `proctoring:violation` and `proctoring:heartbeat` from the candidate's browser,
 * `proctoring:watch` / `proctoring:unwatch` for staff following a live session (room
 * `session:<id>`, which receives violations, heartbeats and `proctoring:auto_submitted`).
 * Answers come back through the acknowledgement.
 */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
@UsePipes(createValidationPipe())
export class ProctoringGateway {
  constructor(private readonly monitoring: MonitoringService) {}

  @ClientEvent('proctoring:violation')
  async violation(@MessageBody() dto: SocketViolationDto, @CurrentUser() user: AuthUser) {
    const { sessionId, ...event } = dto;
    return ack(await this.monitoring.recordViolation(sessionId, user, event));
  }

  @ClientEvent('proctoring:heartbeat')
  async heartbeat(@MessageBody() dto: HeartbeatDto, @CurrentUser() user: AuthUser) {
    return ack(await this.monitoring.heartbeat(dto.sessionId, user));
  }

  @ClientEvent('proctoring:watch')
  async watch(@MessageBody() dto: WatchSessionDto, @ConnectedSocket() socket: AppSocket) {
    await this.monitoring.assertWatchable(dto.sessionId);
    const room = rooms.session(dto.sessionId);
    await socket.join(room);
    return ack({ room });
  }

  @ClientEvent('proctoring:unwatch')
  async unwatch(@MessageBody() dto: WatchSessionDto, @ConnectedSocket() socket: AppSocket) {
    const room = rooms.session(dto.sessionId);
    await socket.leave(room);
    return ack({ room });
  }
}
