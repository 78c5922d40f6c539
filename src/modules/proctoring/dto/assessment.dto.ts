import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CEFR_BANDS_DESCRIPTION, CefrBandDto } from './cefr-band.dto.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CefrLevel, QuestionType } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';

export class CreateQuestionDto {
  @ApiProperty({ enum: QuestionType })
  @IsIn(Object.values(QuestionType))
  type: QuestionType;

  @ApiProperty({ example: 'Choose the word that completes the sentence.' })
  @IsString()
  @Length(1, 4000)
  prompt: string;

  @ApiPropertyOptional({ description: 'Audio or image the question refers to', example: 'https://cdn.example.com/audio/q1.mp3' })
  @IsUrl({ require_tld: false })
  @IsOptional()
  mediaUrl?: string;

  @ApiPropertyOptional({ type: [String], description: 'MCQ options (2..8)' })
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  @IsOptional()
  options?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'MCQ: the one correct option. FILL_BLANK: accepted answers. SPEAKING: optional reference text read aloud. Never sent to candidates.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 4000, { each: true })
  @IsOptional()
  correctAnswers?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  @IsOptional()
  points?: number;
}

export class CreateSectionDto {
  @ApiProperty({ example: 'Reading' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ minimum: 1, maximum: 100, description: 'Relative weight of the section in the total score' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  @ApiProperty({ type: [CreateQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreateQuestionDto)
  questions: CreateQuestionDto[];
}

export class CreateAssessmentDto {
  @ApiProperty({ example: 'English for customer support' })
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(4000)
  @IsOptional()
  description?: string;

  @ApiPropertyOptional({ example: 'en', description: 'Language code (also sent to the speech provider)' })
  @IsString()
  @Length(2, 10)
  @IsOptional()
  language?: string;

  @ApiProperty({ minimum: 1, maximum: 480 })
  @IsInt()
  @Min(1)
  @Max(480)
  timeLimitMinutes: number;

  @ApiPropertyOptional({ enum: CefrLevel, default: CefrLevel.B1, description: 'Lowest level that passes' })
  @IsIn(Object.values(CefrLevel))
  @IsOptional()
  passingLevel?: CefrLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3 })
  @IsInt()
  @Min(1)
  @Max(20)
  @IsOptional()
  maxAttempts?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 8760, default: 24, description: 'Wait after a failed attempt' })
  @IsInt()
  @Min(0)
  @Max(8760)
  @IsOptional()
  retakeCooldownHours?: number;

  @ApiPropertyOptional({ default: true })
  @IsBoolean()
  @IsOptional()
  isPublished?: boolean;

  @ApiProperty({ type: [CreateSectionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateSectionDto)
  sections: CreateSectionDto[];
}

export class ListAssessmentsQueryDto extends PaginationQueryDto {}

/** A question as a candidate sees it: no correct answers. */
export class CandidateQuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QuestionType }) type: QuestionType;
  @ApiProperty() prompt: string;
  @ApiPropertyOptional({ nullable: true }) mediaUrl: string | null;
  @ApiProperty({ type: [String] }) options: string[];
  @ApiProperty() points: number;
  @ApiProperty() position: number;
}

export class CandidateSectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() weight: number;
  @ApiProperty() position: number;
  @ApiProperty({ type: [CandidateQuestionDto] }) questions: CandidateQuestionDto[];
}

/** The authoring view (staff only): includes the correct answers. */
export class AuthoredQuestionDto extends CandidateQuestionDto {
  @ApiProperty({ type: [String] }) correctAnswers: string[];
}

export class AuthoredSectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() weight: number;
  @ApiProperty() position: number;
  @ApiProperty({ type: [AuthoredQuestionDto] }) questions: AuthoredQuestionDto[];
}

export class AssessmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty() language: string;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty({ enum: CefrLevel }) passingLevel: CefrLevel;
  @ApiProperty() maxAttempts: number;
  @ApiProperty() retakeCooldownHours: number;
  @ApiProperty() isPublished: boolean;
  @ApiProperty() questionCount: number;
  @ApiProperty() createdAt: Date;
}

export class AssessmentDetailDto extends AssessmentSummaryDto {
  @ApiProperty({ type: [AuthoredSectionDto] }) sections: AuthoredSectionDto[];
}

export class InstructionsDto {
  @ApiProperty({ type: [String] }) steps: string[];
  @ApiProperty({ type: [String] }) rules: string[];
  @ApiProperty({ description: 'What the system check requires', type: 'object', additionalProperties: true })
  systemRequirements: Record<string, unknown>;
  @ApiProperty({ description: 'Counted violations allowed before the test is submitted automatically' }) maxViolations: number;
  @ApiProperty({ description: 'How long a face event must persist before it counts' }) facePersistSeconds: number;
  @ApiProperty({ type: [AssessmentSummaryDto] }) assessments: AssessmentSummaryDto[];
  @ApiProperty({ type: [CefrBandDto], description: CEFR_BANDS_DESCRIPTION }) cefrBands: CefrBandDto[];
}
