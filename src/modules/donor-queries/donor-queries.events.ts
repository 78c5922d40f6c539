import { Injectable } from '@nestjs/common';
import type { DonorQuery } from '../../generated/prisma/client.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { type DonorMessageFields, toDonorMessageDto } from './dto/donor-message.dto.js';
import { toDonorQueryPublicDto, toDonorQueryDto } from './dto/donor-query.dto.js';

export const QUERY_EVENTS = {
  new: 'query:new',
  updated: 'query:updated',
  message: 'query:message',
  viewers: 'query:viewers',
} as const;

/**
 * Socket fan-out of the donor desk. Staff dashboards (role rooms) and the assignee get the staff
 * view; the query room, where the donor's socket sits, gets the donor view only.
 */
@Injectable()
export class DonorQueryEvents {
  constructor(private readonly realtime: RealtimeService) {}

  created(query: DonorQuery): void {
    this.realtime.toRoles(STAFF_ROLES, QUERY_EVENTS.new, toDonorQueryDto(query));
  }

  updated(query: DonorQuery): void {
    // The assignee is staff, so the role rooms reach them; one emit to several rooms reaches a socket once.
    this.realtime.toRoles(STAFF_ROLES, QUERY_EVENTS.updated, toDonorQueryDto(query));
    this.realtime.toRoom(rooms.query(query.id), QUERY_EVENTS.updated, toDonorQueryPublicDto(query));
  }

  message(query: Pick<DonorQuery, 'id' | 'assignedToId'>, message: DonorMessageFields): void {
    const targets = [rooms.query(query.id), ...(query.assignedToId ? [rooms.user(query.assignedToId)] : [])];
    this.realtime.toRoom(targets, QUERY_EVENTS.message, toDonorMessageDto(message));
  }
}
