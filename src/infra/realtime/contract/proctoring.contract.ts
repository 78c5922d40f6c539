import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES } from '../../../common/auth/roles.js';
import { UserRole } from '../../../generated/prisma/enums.js';
import {
  HeartbeatDto,
  HeartbeatReceiptDto,
  ProctoringLogDto,
  SocketViolationDto,
  ViolationReceiptDto,
  WatchSessionDto,
} from '../../../modules/proctoring/dto/session.dto.js';
import { clientEvents, serverEvents } from './define.js';

const WATCHERS = 'Staff watching the session (proctoring:watch)';

export class ViolationEvent {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: ProctoringLogDto }) log: ProctoringLogDto;
  @ApiProperty() violationCount: number;
  @ApiProperty() warningCount: number;
}

export class HeartbeatEvent {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AutoSubmittedEvent {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: ['AUTO_SUBMITTED', 'TIME_EXPIRED'] }) reason: 'AUTO_SUBMITTED' | 'TIME_EXPIRED';
  @ApiPropertyOptional({ description: 'The violation that ended the test' }) violationType?: string;
  @ApiProperty({ format: 'date-time' }) endedAt: string;
}

export class SessionEndedEvent {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: ['SUBMITTED', 'AUTO_SUBMITTED', 'TIME_EXPIRED'] }) reason: 'SUBMITTED' | 'AUTO_SUBMITTED' | 'TIME_EXPIRED';
  @ApiProperty({ format: 'date-time' }) endedAt: string;
}

export class WatchingDto {
  @ApiProperty({ example: 'session:0b5c…' }) room: string;
}

export const proctoringServerEvents = serverEvents({
  'proctoring:violation': { summary: 'The candidate’s browser reported a violation', payload: ViolationEvent, to: { session: WATCHERS } },
  'proctoring:heartbeat': { summary: 'The candidate’s browser is alive', payload: HeartbeatEvent, to: { session: WATCHERS } },
  'proctoring:auto_submitted': {
    summary: 'The assessment was submitted for the candidate (too many violations, or time is up)',
    payload: AutoSubmittedEvent,
    to: { user: 'The candidate', session: WATCHERS },
  },
  'proctoring:session_ended': { summary: 'The candidate submitted the assessment', payload: SessionEndedEvent, to: { session: WATCHERS } },
});

export const proctoringClientEvents = clientEvents({
  'proctoring:violation': {
    summary: 'Report a violation during my assessment session (tab switch, face missing, copy, …)',
    payload: SocketViolationDto,
    ack: ViolationReceiptDto,
    access: { kind: 'roles', roles: [UserRole.AGENT] },
  },
  'proctoring:heartbeat': {
    summary: 'My assessment page is alive; the acknowledgement says how much time is left',
    payload: HeartbeatDto,
    ack: HeartbeatReceiptDto,
    access: { kind: 'roles', roles: [UserRole.AGENT] },
  },
  'proctoring:watch': {
    summary: 'Follow a live assessment session (room session:<id>)',
    payload: WatchSessionDto,
    ack: WatchingDto,
    access: { kind: 'roles', roles: STAFF_ROLES },
  },
  'proctoring:unwatch': { summary: 'Stop following a session', payload: WatchSessionDto, ack: WatchingDto, access: { kind: 'roles', roles: STAFF_ROLES } },
});
