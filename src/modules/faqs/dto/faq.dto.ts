import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ChatCategory } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { QueryBoolean } from '../../../common/validation/boolean-query.decorator.js';

export class FaqDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ChatCategory }) category: ChatCategory;
  @ApiProperty({ example: 'How do I reset my password?' }) question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ type: [String], example: ['password', 'reset'] }) keywords: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) relatedQuestionIds: string[];
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'How many times the bot answered with this FAQ' }) usageCount: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) createdById: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) updatedById: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreateFaqDto {
  @ApiPropertyOptional({ enum: ChatCategory, default: ChatCategory.GENERAL })
  @IsEnum(ChatCategory)
  @IsOptional()
  category?: ChatCategory;

  @ApiProperty({ minLength: 5, maxLength: 500 })
  @Trim()
  @IsString()
  @Length(5, 500)
  question: string;

  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @Trim()
  @IsString()
  @Length(1, 5000)
  answer: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @ArrayMaxSize(20)
  @IsOptional()
  keywords?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 10 })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  @IsOptional()
  relatedQuestionIds?: string[];

  @ApiPropertyOptional({ default: true })
  @IsBoolean()
  @IsOptional()
  isActive?: boolean;
}

export class UpdateFaqDto extends PartialType(CreateFaqDto) {}

export class FaqQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Full-text search over question, keywords and answer', maxLength: 200 })
  @Trim()
  @IsString()
  @MaxLength(200)
  @IsOptional()
  search?: string;

  @ApiPropertyOptional({ enum: ChatCategory })
  @IsEnum(ChatCategory)
  @IsOptional()
  category?: ChatCategory;
}

export class StaffFaqQueryDto extends FaqQueryDto {
  @ApiPropertyOptional({ description: 'Filter by the active flag (all when omitted)' })
  @QueryBoolean()
  @IsBoolean()
  @IsOptional()
  isActive?: boolean;
}
