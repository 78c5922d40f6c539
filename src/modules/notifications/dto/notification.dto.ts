import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { QueryBoolean } from '../../../common/validation/boolean-query.decorator.js';

/** What a notification response is made of: a stored row, without its recipient. */
export interface NotificationFields {
  id: string;
  type: string;
  title: string;
  body: string;
  data: unknown;
  readAt: Date | null;
  createdAt: Date;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'query.new', description: 'What happened: query.new, query.transferred, call.requested, call.missed, query.reminder, …' })
  type: string;
  @ApiProperty({ example: 'New donor query' }) title: string;
  @ApiProperty({ example: 'Jane Donor asked about "Hearing test"' }) body: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { queryId: '0b5c…' } }) data: Record<string, string>;
  @ApiProperty() read: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toNotificationDto(row: NotificationFields): NotificationDto {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: row.data as Record<string, string>,
    read: row.readAt !== null,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class ListNotificationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @QueryBoolean()
  @IsBoolean()
  @IsOptional()
  unread?: boolean;
}

export class UnreadCountDto {
  @ApiProperty({ example: 3 }) unread: number;
}

export class NotificationsMarkedReadDto {
  @ApiProperty({ example: 3, description: 'How many notifications were marked read' }) updated: number;
}
