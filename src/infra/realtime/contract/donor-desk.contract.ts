import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES } from '../../../common/auth/roles.js';
import { CallRequestDto, CallSessionDto } from '../../../modules/communication/dto/call.dto.js';
import { DirectMessageDto } from '../../../modules/donor-queries/dto/direct-message.dto.js';
import { DonorMessageDto } from '../../../modules/donor-queries/dto/donor-message.dto.js';
import { DonorQueryDto, DonorQueryPublicDto } from '../../../modules/donor-queries/dto/donor-query.dto.js';
import { QueryRoomDto } from '../../../modules/donor-queries/dto/query-socket.dto.js';
import { clientEvents, serverEvents } from './define.js';

const STAFF = 'Staff: SUPPORT_AGENT, ADMIN and SUPER_ADMIN';
const DONOR = 'The donor’s socket (connected with the donor token) and staff who opened the query (query:join)';

export class QueryViewerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class QueryViewersEvent {
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiProperty({ type: [QueryViewerDto], description: 'Staff with the query open now, on any instance' }) viewers: QueryViewerDto[];
}

export class QueryJoinedDto {
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiPropertyOptional({ type: [QueryViewerDto], description: 'Staff only: who has the query open, me included' }) viewers?: QueryViewerDto[];
}

export class QueryLeftDto {
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiProperty({ type: [QueryViewerDto] }) viewers: QueryViewerDto[];
}

export const donorDeskServerEvents = serverEvents({
  'query:new': { summary: 'A donor opened a query', payload: DonorQueryDto, to: { role: STAFF } },
  'query:updated': {
    summary: 'A donor query changed (accepted, transferred, resolved, closed, …)',
    payload: DonorQueryDto,
    to: { role: STAFF, query: { audience: DONOR, payload: DonorQueryPublicDto } },
  },
  'query:message': {
    summary: 'A message was added to a donor query',
    payload: DonorMessageDto,
    to: { query: DONOR, user: 'The admin the query is assigned to' },
  },
  'query:viewers': { summary: 'Who has a query open changed', payload: QueryViewersEvent, to: { role: STAFF } },
  'message:direct': {
    summary: 'A direct message between staff',
    payload: DirectMessageDto,
    to: { user: 'Its recipient and its sender (their other devices)' },
  },
  'call:requested': { summary: 'A donor asked for a call', payload: CallRequestDto, to: { role: STAFF } },
  'call:request_updated': { summary: 'A call request was accepted, rejected or expired', payload: CallRequestDto, to: { role: STAFF, query: DONOR } },
  'call:accepted': {
    summary: 'A call was set up; each side gets its own meeting token',
    payload: CallSessionDto,
    to: { query: 'The donor (with the participant token)', user: 'The admin who takes the call (with the owner token)' },
  },
  'call:status': { summary: 'A call started or ended (no token)', payload: CallSessionDto, to: { query: DONOR, user: 'The admin of the call' } },
});

export const donorDeskClientEvents = clientEvents({
  'query:join': {
    summary: 'Open a donor query’s live view (staff), or confirm the donor token’s query (the donor’s socket is in its room from the handshake)',
    description: 'Staff then receive its query:message, query:updated and call events, and every staff socket hears query:viewers.',
    payload: QueryRoomDto,
    ack: QueryJoinedDto,
    access: { kind: 'guest-or-roles', guest: 'query', roles: STAFF_ROLES },
  },
  'query:leave': { summary: 'Close a donor query’s live view', payload: QueryRoomDto, ack: QueryLeftDto, access: { kind: 'roles', roles: STAFF_ROLES } },
});
