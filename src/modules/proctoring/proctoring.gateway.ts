import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES, UserRole } from '../../common/auth/roles.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { HeartbeatDto, HeartbeatReceiptDto, SocketViolationDto, ViolationReceiptDto, WatchSessionDto } from './dto/session.dto.js';
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

  @SubscribeMessage('proctoring:violation')
  @Roles(UserRole.AGENT)
  async violation(@MessageBody() dto: SocketViolationDto, @CurrentUser() user: AuthUser): Promise<{ success: true; data: ViolationReceiptDto }> {
    const { sessionId, ...event } = dto;
    return { success: true, data: await this.monitoring.recordViolation(sessionId, user, event) };
  }

  @SubscribeMessage('proctoring:heartbeat')
  @Roles(UserRole.AGENT)
  async heartbeat(@MessageBody() dto: HeartbeatDto, @CurrentUser() user: AuthUser): Promise<{ success: true; data: HeartbeatReceiptDto }> {
    return { success: true, data: await this.monitoring.heartbeat(dto.sessionId, user) };
  }

  @SubscribeMessage('proctoring:watch')
  @Roles(...STAFF_ROLES)
  async watch(@MessageBody() dto: WatchSessionDto, @ConnectedSocket() socket: AppSocket): Promise<{ success: true; data: { room: string } }> {
    await this.monitoring.assertWatchable(dto.sessionId);
    const room = rooms.session(dto.sessionId);
    await socket.join(room);
    return { success: true, data: { room } };
  }

  @SubscribeMessage('proctoring:unwatch')
  @Roles(...STAFF_ROLES)
  async unwatch(@MessageBody() dto: WatchSessionDto, @ConnectedSocket() socket: AppSocket): Promise<{ success: true; data: { room: string } }> {
    const room = rooms.session(dto.sessionId);
    await socket.leave(room);
    return { success: true, data: { room } };
  }
}
