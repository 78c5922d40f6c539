import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import type { DirectMessage } from '../../../generated/prisma/client.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class SendDirectMessageDto {
  @ApiProperty({ format: 'uuid', description: 'Another active staff member' })
  @IsUUID()
  recipientId: string;

  @ApiProperty({ example: 'Can you take the donor in query 42? I am on a call.' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  content: string;
}

/** A stored direct message, without the sender's idempotency key (never shown). */
export type DirectMessageFields = Omit<DirectMessage, 'idempotencyKey'>;

export class DirectMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) senderId: string;
  @ApiProperty({ format: 'uuid' }) recipientId: string;
  @ApiProperty() content: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toDirectMessageDto(row: DirectMessageFields): DirectMessageDto {
  return {
    id: row.id,
    senderId: row.senderId,
    recipientId: row.recipientId,
    content: row.content,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class DirectMessagePageDto {
  @ApiProperty({ type: [DirectMessageDto], description: 'Oldest first within the page' }) items: DirectMessageDto[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Pass as `before` for older messages' })
  nextCursor: string | null;
}
