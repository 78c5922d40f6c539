import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';

const TARGETS = ['APPLICATION', 'GIG', 'SUBMISSION', 'PAYMENT'] as const;
const STATUSES = ['OPEN', 'ESCALATED', 'RESOLVED', 'DISMISSED'] as const;

export class CreateDisputeDto {
  @ApiProperty({ enum: TARGETS }) @IsIn(TARGETS) targetType: (typeof TARGETS)[number];
  @ApiProperty({ format: 'uuid' }) @IsUUID() targetId: string;

  @ApiProperty({ example: 'The approved hours are lower than what I logged.' })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  reason: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ enum: ['RESOLVED', 'DISMISSED'] }) @IsIn(['RESOLVED', 'DISMISSED']) status: 'RESOLVED' | 'DISMISSED';
  @ApiProperty({ example: 'Hours corrected after checking the activity log.' }) @IsString() @MinLength(3) @MaxLength(5000) resolution: string;
}

export class ListDisputesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsIn(STATUSES) @IsOptional() status?: (typeof STATUSES)[number];
}

export class DisputeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TARGETS }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ format: 'uuid' }) raisedById: string;
  @ApiProperty({ format: 'uuid' }) counterpartyId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resolvedById: string | null;
  @ApiProperty({ nullable: true, type: Date }) resolvedAt: Date | null;
  @ApiProperty({ description: 'Escalates to SUPER_ADMINs when still open after this' }) deadlineAt: Date;
  @ApiProperty({ nullable: true, type: Date }) escalatedAt: Date | null;
  @ApiProperty() createdAt: Date;
}
