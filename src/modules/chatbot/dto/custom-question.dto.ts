import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ChatCategory, CustomQuestionOrigin, CustomQuestionStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { FaqDto } from '../../faqs/index.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class CustomQuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question: string;
  @ApiProperty({ description: 'How many times it was asked: near-duplicates (case, punctuation, word order, plurals, small typos) count on one entry' })
  occurrences: number;
  @ApiProperty({ enum: CustomQuestionOrigin }) origin: CustomQuestionOrigin;
  @ApiProperty({ enum: CustomQuestionStatus }) status: CustomQuestionStatus;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) userId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) conversationId: string | null;
  @ApiPropertyOptional({ nullable: true }) answer: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) answeredById: string | null;
  @ApiPropertyOptional({ nullable: true }) answeredAt: Date | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The FAQ it became' }) faqId: string | null;
  @ApiProperty({ description: 'When it was last asked' }) lastAskedAt: Date;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreateCustomQuestionDto {
  @ApiProperty({ minLength: 5, maxLength: 1000 })
  @Trim()
  @IsString()
  @Length(5, 1000)
  question: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  conversationId?: string;
}

export class CustomQuestionQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: CustomQuestionStatus }) @IsEnum(CustomQuestionStatus) @IsOptional() status?: CustomQuestionStatus;
  @ApiPropertyOptional({ enum: CustomQuestionOrigin }) @IsEnum(CustomQuestionOrigin) @IsOptional() origin?: CustomQuestionOrigin;
}

/** Staff answer, dismiss, or answer and publish as an FAQ in one step. */
export class UpdateCustomQuestionDto {
  @ApiPropertyOptional({ enum: ['ANSWERED', 'DISMISSED', 'CONVERTED'], description: 'CONVERTED publishes the answer as an FAQ' })
  @IsIn(['ANSWERED', 'DISMISSED', 'CONVERTED'])
  status: 'ANSWERED' | 'DISMISSED' | 'CONVERTED';

  @ApiPropertyOptional({ maxLength: 5000, description: 'Required for ANSWERED and CONVERTED (unless already answered)' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  @IsOptional()
  answer?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'FAQ wording of the question (defaults to the question)' })
  @Trim()
  @IsString()
  @Length(5, 500)
  @IsOptional()
  faqQuestion?: string;

  @ApiPropertyOptional({ enum: ChatCategory }) @IsEnum(ChatCategory) @IsOptional() category?: ChatCategory;

  @ApiPropertyOptional({ type: [String] })
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @ArrayMaxSize(20)
  @IsOptional()
  keywords?: string[];

  @ApiPropertyOptional({ description: 'Tell the asker about the answer (default true)' })
  @IsBoolean()
  @IsOptional()
  notifyAsker?: boolean;
}

/** Staff publish an inbox question as an FAQ with their answer, in one step. */
export class PublishCustomQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: 5000, description: 'The answer, published as the FAQ answer' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  answer: string;

  @ApiPropertyOptional({ minLength: 5, maxLength: 500, description: 'FAQ wording of the question (defaults to the question as first asked)' })
  @Trim()
  @IsString()
  @Length(5, 500)
  @IsOptional()
  question?: string;

  @ApiPropertyOptional({ enum: ChatCategory, default: ChatCategory.GENERAL }) @IsEnum(ChatCategory) @IsOptional() category?: ChatCategory;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @ArrayMaxSize(20)
  @IsOptional()
  keywords?: string[];

  @ApiPropertyOptional({ description: 'Tell the asker about the answer (default true)' })
  @IsBoolean()
  @IsOptional()
  notifyAsker?: boolean;
}

export class PublishedCustomQuestionDto {
  @ApiProperty({ type: CustomQuestionDto, description: 'The entry, now CONVERTED and linked to the FAQ' }) customQuestion: CustomQuestionDto;
  @ApiProperty({ type: FaqDto }) faq: FaqDto;
}
