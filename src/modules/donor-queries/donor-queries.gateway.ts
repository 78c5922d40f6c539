import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { GuestOrRoles, Roles } from '../../common/auth/access.decorators.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { UsersService } from '../users/users.service.js';
import { QUERY_EVENTS } from './donor-queries.events.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { QueryRoomDto } from './dto/query-socket.dto.js';
import { queryActor } from './query-actor.js';
import { QueryViewers, Viewer } from './query-viewers.js';

/**
 * Staff open a query's live view with `query:join` (its messages and updates then reach them) and
 * see who else is viewing through `query:viewers`. Donors join their query's room in the handshake.
 */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
@UsePipes(createValidationPipe())
export class DonorQueriesGateway {
  private readonly viewers = new QueryViewers();

  constructor(
    private readonly queries: DonorQueriesService,
    private readonly realtime: RealtimeService,
    private readonly users: UsersService,
  ) {}

  /** A donor's socket is already in its query's room; for a donor this only confirms the scope. */
  @SubscribeMessage('query:join')
  @GuestOrRoles('query', ...STAFF_ROLES)
  async join(@ConnectedSocket() socket: AppSocket, @MessageBody() body: QueryRoomDto) {
    const { user, guest } = socket.data;
    if (!user) {
      await this.queries.findVisible(body.queryId, queryActor(undefined, guest));
      return { success: true, data: { queryId: body.queryId } };
    }
    await this.queries.findVisible(body.queryId, { kind: 'staff', user });
    await socket.join(rooms.query(body.queryId));
    const name = (await this.users.getSummary(user.id))?.name ?? 'Staff';
    if (!this.viewers.queriesOf(socket.id).length) socket.once('disconnect', () => this.leaveAll(socket.id));
    const viewers = this.viewers.add(body.queryId, socket.id, { id: user.id, name });
    this.broadcast(body.queryId, viewers);
    return { success: true, data: { queryId: body.queryId, viewers } };
  }

  @SubscribeMessage('query:leave')
  @Roles(...STAFF_ROLES)
  async leave(@ConnectedSocket() socket: AppSocket, @MessageBody() body: QueryRoomDto) {
    await socket.leave(rooms.query(body.queryId));
    const viewers = this.viewers.remove(body.queryId, socket.id);
    this.broadcast(body.queryId, viewers);
    return { success: true, data: { queryId: body.queryId, viewers } };
  }

  private leaveAll(socketId: string): void {
    for (const queryId of this.viewers.queriesOf(socketId)) this.broadcast(queryId, this.viewers.remove(queryId, socketId));
  }

  private broadcast(queryId: string, viewers: Viewer[]): void {
    this.realtime.toRoles(STAFF_ROLES, QUERY_EVENTS.viewers, { queryId, viewers });
  }
}
