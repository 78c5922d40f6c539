import { Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ListNotificationsQueryDto, NotificationsMarkedReadDto, NotificationDto, UnreadCountDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My notifications, newest first (?unread=true for unread only)' })
  @ApiEnvelope(NotificationDto, { paginated: true })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQueryDto) {
    return this.notifications.list(user.id, query);
  }

  @Get('unread-count')
  @Authenticated()
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiEnvelope(UnreadCountDto)
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Patch('read-all')
  @Authenticated()
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiEnvelope(NotificationsMarkedReadDto)
  async markAllRead(@CurrentUser() user: AuthUser): Promise<NotificationsMarkedReadDto> {
    return { updated: await this.notifications.markAllRead(user.id) };
  }

  @Patch(':id/read')
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiEnvelope(NotificationDto)
  @ApiErrors(400, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.notifications.markRead(id, user.id);
  }
}
