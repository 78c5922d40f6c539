import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IssuePriority, SupportTicketStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class HandoverUsageDto {
  @ApiProperty() model: string;
  @ApiProperty() promptTokens: number;
  @ApiProperty() completionTokens: number;
  @ApiProperty({ description: 'Millionths of a US dollar' }) costMicros: number;
}

export class HandoverSummaryDto {
  @ApiProperty() customerRequest: string;
  @ApiProperty({ type: [String] }) attempted: string[];
  @ApiProperty({ type: [String] }) openQuestions: string[];
  @ApiProperty({ example: 'frustrated' }) mood: string;
  @ApiProperty({ enum: ['ai', 'conversation-data'] }) generatedBy: string;
  @ApiPropertyOptional({ type: HandoverUsageDto, description: 'Model call that wrote the summary' }) usage?: HandoverUsageDto;
}

export class SupportTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ format: 'uuid' }) requesterId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) assignedAgentId: string | null;
  @ApiProperty() subject: string;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty({ enum: SupportTicketStatus }) status: SupportTicketStatus;
  @ApiProperty({ enum: IssuePriority }) priority: IssuePriority;
  @ApiProperty({ type: HandoverSummaryDto }) handoverSummary: HandoverSummaryDto;
  @ApiPropertyOptional({ nullable: true }) resolutionNotes: string | null;
  @ApiPropertyOptional({ nullable: true }) resolvedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SupportTicketQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SupportTicketStatus }) @IsEnum(SupportTicketStatus) @IsOptional() status?: SupportTicketStatus;
  @ApiPropertyOptional({ enum: IssuePriority }) @IsEnum(IssuePriority) @IsOptional() priority?: IssuePriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() assignedAgentId?: string;
}

export class UpdateSupportTicketDto {
  @ApiPropertyOptional({ enum: SupportTicketStatus }) @IsEnum(SupportTicketStatus) @IsOptional() status?: SupportTicketStatus;
  @ApiPropertyOptional({ enum: IssuePriority }) @IsEnum(IssuePriority) @IsOptional() priority?: IssuePriority;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  @IsOptional()
  assignedAgentId?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Trim()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  resolutionNotes?: string;
}
