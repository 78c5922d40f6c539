import { ApiProperty } from '@nestjs/swagger';
import { IsJWT } from 'class-validator';
import { UserRole } from '../../../generated/prisma/enums.js';
import { NotificationDto } from '../../../modules/notifications/dto/notification.dto.js';
import { clientEvents, serverEvents } from './define.js';

export class PresenceChangeEvent {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' }) role: UserRole;
  @ApiProperty({ description: 'true: came online (first socket); false: went offline (last socket closed)' }) isOnline: boolean;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
}

export const SESSION_END_REASONS = ['token_expired', 'password_changed', 'status_changed', 'role_changed', 'deleted'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export class AuthSessionEndedEvent {
  @ApiProperty({
    enum: SESSION_END_REASONS,
    description:
      'token_expired: the access token expired without auth:refresh (refresh it and reconnect); ' +
      'password_changed, deleted: sign in again; status_changed, role_changed: an admin changed the account (refresh the token and reconnect; a suspended account cannot)',
  })
  reason: SessionEndReason;
}

export class RefreshSocketTokenDto {
  @ApiProperty({ description: 'A fresh access token of the same user (POST /auth/refresh)' })
  @IsJWT()
  token: string;
}

export class SocketTokenRefreshedDto {
  @ApiProperty({ description: 'When the socket is closed unless it sends auth:refresh again' }) expiresAt: Date;
}

export const accountServerEvents = serverEvents({
  'notification:new': {
    summary: 'A notification for me; the same one is stored (GET /notifications) and pushed to my devices',
    payload: NotificationDto,
    to: { user: 'Its recipient' },
  },
  'users:online': {
    summary: 'A user came online or went offline (GET /users/online has the list)',
    payload: PresenceChangeEvent,
    to: { role: 'Staff: SUPPORT_AGENT, ADMIN and SUPER_ADMIN' },
  },
  'auth:session_ended': {
    summary: 'Sent just before the server closes the socket because its session ended',
    payload: AuthSessionEndedEvent,
    to: { socket: 'The socket whose token expired', user: 'Every socket of the user (password change, status or role change, deletion), on every instance' },
  },
});

export const accountClientEvents = clientEvents({
  'auth:refresh': {
    summary: 'Give the socket a fresh access token before the current one expires',
    description:
      'A user socket is closed when its access token expires (after auth:session_ended with reason token_expired). ' +
      'Refresh the token over HTTP (POST /auth/refresh) and send it here; the acknowledgement gives the new expiry. A token of another user or an invalid one is refused (401) and changes nothing.',
    payload: RefreshSocketTokenDto,
    ack: SocketTokenRefreshedDto,
    access: { kind: 'authenticated' },
  },
});
