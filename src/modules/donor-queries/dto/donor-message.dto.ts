import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { DonorMessage } from '../../../generated/prisma/client.js';
import { CallMode, DonorMessageSender, DonorMessageType } from '../../../generated/prisma/enums.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class SendDonorMessageDto {
  @ApiProperty({ example: 'Could you try again with headphones?' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  content: string;
}

export class MessageHistoryQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Cursor: return the messages before this message id' })
  @IsUUID()
  @IsOptional()
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  @IsOptional()
  limit: number = 50;
}

/** A stored donor message, without the sender's idempotency key (never shown). */
export type DonorMessageFields = Omit<DonorMessage, 'idempotencyKey'>;

export class DonorMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiProperty({ enum: DonorMessageSender, enumName: 'DonorMessageSender' }) senderKind: DonorMessageSender;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) senderId: string | null;
  @ApiProperty() content: string;
  @ApiProperty({ enum: DonorMessageType, enumName: 'DonorMessageType' }) messageType: DonorMessageType;
  @ApiPropertyOptional({ enum: CallMode, enumName: 'CallMode', nullable: true }) callMode: CallMode | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) callSessionId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toDonorMessageDto(row: DonorMessageFields): DonorMessageDto {
  return {
    id: row.id,
    queryId: row.queryId,
    senderKind: row.senderKind,
    senderId: row.senderId,
    content: row.content,
    messageType: row.messageType,
    callMode: row.callMode,
    callSessionId: row.callSessionId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class DonorMessagePageDto {
  @ApiProperty({ type: [DonorMessageDto], description: 'Oldest first within the page' }) items: DonorMessageDto[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Pass as `before` for older messages; null at the start' })
  nextCursor: string | null;
}

export class MessagesMarkedReadDto {
  @ApiProperty({ example: 2, description: 'How many messages were marked read' }) updated: number;
}
