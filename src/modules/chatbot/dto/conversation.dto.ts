import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ChatCategory, ChatSentiment, ConversationStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { QueryBoolean } from '../../../common/validation/boolean-query.decorator.js';

export class ConversationStatsDto {
  @ApiProperty() totalMessages: number;
  @ApiProperty() userMessages: number;
  @ApiProperty() aiMessages: number;
  @ApiProperty() agentMessages: number;
  @ApiProperty({ description: 'Mean bot response time in ms' }) averageResponseTime: number;
  @ApiPropertyOptional({ nullable: true }) lastMessageAt: Date | null;
}

export class CsatDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiProperty() submittedAt: Date;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ConversationStatus }) status: ConversationStatus;
  @ApiProperty({ enum: ChatSentiment }) sentiment: ChatSentiment;
  @ApiProperty({ enum: ChatCategory }) category: ChatCategory;
  @ApiProperty({ type: ConversationStatsDto }) metadata: ConversationStatsDto;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) assignedAgentId: string | null;
  @ApiProperty() isAgentInvolved: boolean;
  @ApiPropertyOptional({ nullable: true }) resolvedAt: Date | null;
  @ApiPropertyOptional({ type: CsatDto, nullable: true }) csat: CsatDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'When its owner deleted it (staff only see deleted conversations)' }) archivedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreateConversationDto {
  @ApiPropertyOptional({ maxLength: 200, default: 'New conversation' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @IsOptional()
  title?: string;

  @ApiPropertyOptional({ enum: ChatCategory, default: ChatCategory.GENERAL })
  @IsEnum(ChatCategory)
  @IsOptional()
  category?: ChatCategory;
}

/** Owners may rename and recategorise; status and assignment are for staff. */
export class UpdateConversationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  @IsOptional()
  title?: string;

  @ApiPropertyOptional({ enum: ChatCategory })
  @IsEnum(ChatCategory)
  @IsOptional()
  category?: ChatCategory;

  @ApiPropertyOptional({ enum: ConversationStatus, description: 'Staff only' })
  @IsEnum(ConversationStatus)
  @IsOptional()
  status?: ConversationStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Staff only; null unassigns' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  @IsOptional()
  assignedAgentId?: string | null;
}

export class ConversationQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ConversationStatus }) @IsEnum(ConversationStatus) @IsOptional() status?: ConversationStatus;
  @ApiPropertyOptional({ enum: ChatSentiment }) @IsEnum(ChatSentiment) @IsOptional() sentiment?: ChatSentiment;
  @ApiPropertyOptional({ enum: ChatCategory }) @IsEnum(ChatCategory) @IsOptional() category?: ChatCategory;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: conversations of one user' }) @IsUUID() @IsOptional() userId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only' }) @IsUUID() @IsOptional() assignedAgentId?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() @IsOptional() from?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() @IsOptional() to?: Date;

  @ApiPropertyOptional({ description: 'Full-text search over titles and message text (every word must match)', maxLength: 200 })
  @Trim()
  @IsString()
  @MaxLength(200)
  @IsOptional()
  search?: string;

  @ApiPropertyOptional({ description: 'Staff only: deleted (archived) conversations only (true) or none of them (false); all when omitted' })
  @QueryBoolean()
  @IsBoolean()
  @IsOptional()
  archived?: boolean;
}

export class EscalateDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @Trim()
  @IsString()
  @MaxLength(1000)
  @IsOptional()
  reason?: string;
}

export class SubmitCsatDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Trim()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  comment?: string;
}
