import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { CallRequest, CallSession } from '../../../generated/prisma/client.js';
import { CallMode, CallRequestStatus, CallSessionStatus } from '../../../generated/prisma/enums.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export class RequestCallDto {
  @ApiProperty({ enum: CallMode, enumName: 'CallMode' })
  @IsEnum(CallMode)
  mode: CallMode;

  @ApiPropertyOptional({ example: 'Can you show me where to tap?' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  @IsOptional()
  message?: string;
}

export class StartCallDto {
  @ApiProperty({ enum: CallMode, enumName: 'CallMode' })
  @IsEnum(CallMode)
  mode: CallMode;
}

export class AnswerCallRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The request to answer; defaults to the query's pending request" })
  @IsUUID()
  @IsOptional()
  callRequestId?: string;
}

export class CallStatusDto {
  @ApiProperty({ enum: ['STARTED', 'ENDED'] })
  @IsIn(['STARTED', 'ENDED'])
  status: 'STARTED' | 'ENDED';
}

export class CallRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiProperty({ enum: CallMode, enumName: 'CallMode' }) mode: CallMode;
  @ApiPropertyOptional({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ enum: CallRequestStatus, enumName: 'CallRequestStatus' }) status: CallRequestStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) adminId: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) respondedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toCallRequestDto(row: CallRequest): CallRequestDto {
  return {
    id: row.id,
    queryId: row.queryId,
    mode: row.mode,
    message: row.message,
    status: row.status,
    adminId: row.adminId,
    expiresAt: row.expiresAt.toISOString(),
    respondedAt: iso(row.respondedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A call session as one participant sees it: `token` is that participant's own meeting token. */
export class CallSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) queryId: string;
  @ApiProperty({ example: 'cx-1a2b3c4d-9f8e7d6c' }) roomName: string;
  @ApiProperty({ example: 'https://your-domain.daily.co/cx-1a2b3c4d-9f8e7d6c' }) roomUrl: string;
  @ApiProperty({ enum: CallMode, enumName: 'CallMode' }) mode: CallMode;
  @ApiProperty({ enum: CallSessionStatus, enumName: 'CallSessionStatus' }) status: CallSessionStatus;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The caller's meeting token (admin: owner; donor: participant); null once ended" })
  token: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toCallSessionDto(row: CallSession, as: 'admin' | 'donor' | 'none'): CallSessionDto {
  const token = row.status === 'ENDED' || as === 'none' ? null : as === 'admin' ? row.adminToken : row.userToken;
  return {
    id: row.id,
    queryId: row.queryId,
    roomName: row.roomName,
    roomUrl: row.roomUrl,
    mode: row.mode,
    status: row.status,
    token,
    expiresAt: row.expiresAt.toISOString(),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    durationSeconds: row.durationSeconds,
    createdAt: row.createdAt.toISOString(),
  };
}
