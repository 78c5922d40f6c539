import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { createValidationPipe } from '../../common/http/validation.pipe.js';
import { ack, ClientEvent } from '../../common/ws/client-event.decorator.js';
import { WsExceptionsFilter } from '../../common/ws/ws-exceptions.filter.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import type { AppSocket } from '../../infra/realtime/socket-auth.js';
import { UsersService } from '../users/index.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { QueryRoomDto } from './dto/query-socket.dto.js';
import { queryActor } from './query-actor.js';
import { Viewer, viewersOf } from './query-viewers.js';

const QUERY_ROOM_PREFIX = rooms.query('');

/**
 * Staff open a query's live view with `query:join` (its messages and updates then reach them) and
 * see who else is viewing through `query:viewers`. Donors join their query's room in the handshake.
 * The viewers are the staff sockets in the query's room, counted on every instance.
 */
@WebSocketGateway({ transports: ['websocket'] })
@UseFilters(WsExceptionsFilter)
@UsePipes(createValidationPipe())
export class DonorQueriesGateway {
  private readonly watched = new WeakSet<AppSocket>();

  constructor(
    private readonly queries: DonorQueriesService,
    private readonly realtime: RealtimeService,
    private readonly users: UsersService,
  ) {}

  /** A donor's socket is already in its query's room; for a donor this only confirms the scope. */
  @ClientEvent('query:join')
  async join(@ConnectedSocket() socket: AppSocket, @MessageBody() body: QueryRoomDto) {
    const { user, guest } = socket.data;
    if (!user) {
      await this.queries.findVisible(body.queryId, queryActor(undefined, guest));
      return ack({ queryId: body.queryId });
    }
    await this.queries.findVisible(body.queryId, { kind: 'staff', user });
    socket.data.name ??= (await this.users.getSummary(user.id))?.name ?? 'Staff';
    this.announceLeavesOnDisconnect(socket);
    await socket.join(rooms.query(body.queryId));
    return ack({ queryId: body.queryId, viewers: await this.broadcast(body.queryId) });
  }

  @ClientEvent('query:leave')
  async leave(@ConnectedSocket() socket: AppSocket, @MessageBody() body: QueryRoomDto) {
    await socket.leave(rooms.query(body.queryId));
    return ack({ queryId: body.queryId, viewers: await this.broadcast(body.queryId) });
  }

  private announceLeavesOnDisconnect(socket: AppSocket): void {
    if (this.watched.has(socket)) return;
    this.watched.add(socket);
    let open: string[] = [];
    socket.once('disconnecting', () => {
      open = [...socket.rooms].filter((room) => room.startsWith(QUERY_ROOM_PREFIX)).map((room) => room.slice(QUERY_ROOM_PREFIX.length));
    });
    socket.once('disconnect', () => {
      for (const queryId of open) void this.broadcast(queryId).catch(() => undefined);
    });
  }

  private async broadcast(queryId: string): Promise<Viewer[]> {
    const viewers = viewersOf(await this.realtime.socketsIn(rooms.query(queryId)));
    this.realtime.toRoles(STAFF_ROLES, 'query:viewers', { queryId, viewers });
    return viewers;
  }
}
