import { Injectable } from '@nestjs/common';
import type { CallRequest, CallSession } from '../../generated/prisma/client.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { toCallRequestDto, toCallSessionDto } from './dto/call.dto.js';

export const CALL_EVENTS = {
  requested: 'call:requested',
  requestUpdated: 'call:request_updated',
  accepted: 'call:accepted',
  status: 'call:status',
} as const;

/** Socket fan-out of calls: staff get requests on their role rooms; the donor (query room) gets its own token. */
@Injectable()
export class CallEvents {
  constructor(private readonly realtime: RealtimeService) {}

  requested(request: CallRequest): void {
    this.realtime.toRoles(STAFF_ROLES, CALL_EVENTS.requested, toCallRequestDto(request));
  }

  requestUpdated(request: CallRequest): void {
    const dto = toCallRequestDto(request);
    this.realtime.toRoles(STAFF_ROLES, CALL_EVENTS.requestUpdated, dto);
    this.realtime.toRoom(rooms.query(request.queryId), CALL_EVENTS.requestUpdated, dto);
  }

  /** The donor's socket gets the room and its participant token; the admin gets theirs in the HTTP answer. */
  accepted(session: CallSession): void {
    this.realtime.toRoom(rooms.query(session.queryId), CALL_EVENTS.accepted, toCallSessionDto(session, 'donor'));
    this.realtime.toUser(session.adminId, CALL_EVENTS.accepted, toCallSessionDto(session, 'admin'));
  }

  status(session: CallSession): void {
    const dto = toCallSessionDto(session, 'none');
    this.realtime.toRoom([rooms.query(session.queryId), rooms.user(session.adminId)], CALL_EVENTS.status, dto);
  }
}
