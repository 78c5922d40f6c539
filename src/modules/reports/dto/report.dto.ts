import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { IssuePriority, ReportStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

const ISSUE_TYPES = ['inappropriate_response', 'incorrect_information', 'technical_problem', 'agent_conduct', 'privacy', 'other'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

export class ReportResolutionDto {
  @ApiPropertyOptional({ nullable: true }) notes: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) resolvedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) resolvedAt: Date | null;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid' }) reportedById: string;
  @ApiProperty({ enum: ISSUE_TYPES }) issueType: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ReportStatus }) status: ReportStatus;
  @ApiProperty({ enum: IssuePriority }) priority: IssuePriority;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) assignedToId: string | null;
  @ApiProperty({ type: ReportResolutionDto }) resolution: ReportResolutionDto;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreateReportDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() conversationId: string;

  @ApiProperty({ enum: ISSUE_TYPES })
  @IsIn(ISSUE_TYPES)
  issueType: IssueType;

  @ApiProperty({ minLength: 5, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(5, 2000)
  description: string;

  @ApiPropertyOptional({ enum: IssuePriority, default: IssuePriority.MEDIUM })
  @IsEnum(IssuePriority)
  @IsOptional()
  priority?: IssuePriority;
}

export class ReportQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ReportStatus }) @IsEnum(ReportStatus) @IsOptional() status?: ReportStatus;
  @ApiPropertyOptional({ enum: IssuePriority }) @IsEnum(IssuePriority) @IsOptional() priority?: IssuePriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() assignedToId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() conversationId?: string;
}

export class UpdateReportDto {
  @ApiPropertyOptional({ enum: ReportStatus }) @IsEnum(ReportStatus) @IsOptional() status?: ReportStatus;
  @ApiPropertyOptional({ enum: IssuePriority }) @IsEnum(IssuePriority) @IsOptional() priority?: IssuePriority;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  @IsOptional()
  assignedToId?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Trim()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  resolutionNotes?: string;
}
