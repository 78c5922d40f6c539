import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { DonorQuery } from '../../../generated/prisma/client.js';
import { DonorQuerySource, DonorQueryStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { QueryBoolean } from '../../../common/validation/boolean-query.decorator.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export class CreateDonorQueryDto {
  @ApiProperty({ example: 'jane@example.org', description: 'Donor name or email' })
  @Trim()
  @IsString()
  @Length(1, 200)
  donor: string;

  @ApiProperty({ example: 'DNR-10442', description: "The donor's id in the donor system" })
  @Trim()
  @IsString()
  @Length(1, 100)
  donorId: string;

  @ApiPropertyOptional({ example: 'Hearing screening' })
  @Trim()
  @IsString()
  @MaxLength(200)
  @IsOptional()
  test?: string;

  @ApiPropertyOptional({ example: 'Calibration' })
  @Trim()
  @IsString()
  @MaxLength(200)
  @IsOptional()
  stage?: string;

  @ApiPropertyOptional({ example: 'iPhone 15, iOS 19' })
  @Trim()
  @IsString()
  @MaxLength(300)
  @IsOptional()
  device?: string;

  @ApiProperty({ example: 'The test stops at the calibration step.', description: 'The first message (type QUERY)' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  message: string;
}

/** What a donor sees of their query. */
export class DonorQueryPublicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() donor: string;
  @ApiProperty() donorId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) test: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) stage: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) device: string | null;
  @ApiProperty({ enum: DonorQueryStatus, enumName: 'DonorQueryStatus' }) status: DonorQueryStatus;
  @ApiProperty({ description: 'Whether an admin has taken the query' }) assigned: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toDonorQueryPublicDto(row: DonorQuery): DonorQueryPublicDto {
  return {
    id: row.id,
    donor: row.donor,
    donorId: row.donorId,
    test: row.test,
    stage: row.stage,
    device: row.device,
    status: row.status,
    assigned: row.assignedToId !== null,
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What staff see: the donor view plus assignment, transfer and waiting details. */
export class DonorQueryDto extends DonorQueryPublicDto {
  @ApiProperty({ enum: DonorQuerySource, enumName: 'DonorQuerySource' }) source: DonorQuerySource;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) assignedToId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) resolvedById: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) transferredToUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) transferNote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Handover summary for the admin who received a transfer' })
  handoverSummary: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Since when the donor waits for an answer' })
  waitingSince: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
}

export function toDonorQueryDto(row: DonorQuery): DonorQueryDto {
  return {
    ...toDonorQueryPublicDto(row),
    source: row.source,
    assignedToId: row.assignedToId,
    resolvedById: row.resolvedById,
    transferredToUserId: row.transferredToUserId,
    transferNote: row.transferNote,
    handoverSummary: row.handoverSummary,
    waitingSince: iso(row.waitingSince),
    acceptedAt: iso(row.acceptedAt),
  };
}

export class CreatedDonorQueryDto {
  @ApiProperty({ type: DonorQueryPublicDto }) query: DonorQueryPublicDto;
  @ApiProperty({
    example: 'dq_5rA…',
    description: 'Donor access token for this one query (Authorization: Bearer, and the Socket.IO handshake). Shown once.',
  })
  donorAccessToken: string;
}

export class ListDonorQueriesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: DonorQueryStatus, enumName: 'DonorQueryStatus' })
  @IsEnum(DonorQueryStatus)
  @IsOptional()
  status?: DonorQueryStatus;

  @ApiPropertyOptional({ description: 'Only queries assigned to me' })
  @QueryBoolean()
  @IsBoolean()
  @IsOptional()
  mine?: boolean;
}

export class TransferDonorQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The active admin who receives the query' })
  @IsUUID()
  toUserId: string;

  @ApiProperty({ example: 'Needs someone who knows the calibration stage' })
  @Trim()
  @IsString()
  @Length(1, 2000)
  note: string;

  @ApiPropertyOptional({ description: 'Handover summary for the receiver; built from the conversation when omitted' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  @IsOptional()
  handoverSummary?: string;
}

export class SendReminderDto {
  @ApiPropertyOptional({ example: 'The donor has been waiting 20 minutes' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  @IsOptional()
  note?: string;
}

export class ReminderSentDto {
  @ApiProperty({ type: [String], description: 'Who was reminded' }) recipientIds: string[];
}
