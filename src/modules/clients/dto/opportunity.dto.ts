import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { CEFR_LEVELS, type CefrLevel } from '../../../common/cefr.js';
import { QueryBoolean } from '../../../common/validation/boolean-query.decorator.js';

const STATUSES = ['DRAFT', 'OPEN', 'FILLED', 'CLOSED'] as const;

export class CreateOpportunityDto {
  @ApiProperty({ example: 'Weekend chat support (English)' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(5000)
  @IsOptional()
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['support', 'english'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  @IsOptional()
  requiredSkills?: string[];

  @ApiPropertyOptional({ enum: CEFR_LEVELS })
  @IsIn(CEFR_LEVELS)
  @IsOptional()
  minCefrLevel?: CefrLevel;

  @ApiPropertyOptional({ minimum: 0, example: 6 })
  @IsInt()
  @Min(0)
  @Max(600)
  @IsOptional()
  minExperienceMonths?: number;

  @ApiProperty({ minimum: 1, example: 25000, description: 'Pay per hour in minor units of currency (25000 = ₹250.00)' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  rateMinor: number;

  @ApiProperty({ example: 'INR', description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' })
  currency: string;

  @ApiProperty({ minimum: 1, example: 5, description: 'How many agents can be accepted' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity: number;
}

export class UpdateOpportunityDto {
  @ApiPropertyOptional() @IsString() @MinLength(3) @MaxLength(200) @IsOptional() title?: string;
  @ApiPropertyOptional() @IsString() @MaxLength(5000) @IsOptional() description?: string;

  @ApiPropertyOptional({ type: [String], description: 'DRAFT only' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  @IsOptional()
  requiredSkills?: string[];

  @ApiPropertyOptional({ enum: CEFR_LEVELS, description: 'DRAFT only' }) @IsIn(CEFR_LEVELS) @IsOptional() minCefrLevel?: CefrLevel;
  @ApiPropertyOptional({ minimum: 0, description: 'DRAFT only' }) @IsInt() @Min(0) @Max(600) @IsOptional() minExperienceMonths?: number;
  @ApiPropertyOptional({ minimum: 1, description: 'DRAFT only' }) @IsInt() @Min(1) @Max(100_000_000) @IsOptional() rateMinor?: number;

  @ApiPropertyOptional({ example: 'INR', description: 'DRAFT only' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' })
  @IsOptional()
  currency?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Never below the number already accepted' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  @IsOptional()
  capacity?: number;
}

export class CreateSlotDto {
  @ApiProperty({ example: '2026-12-05T09:00:00Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-12-05T13:00:00Z' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ minimum: 1, example: 3, description: 'Agents who can work this slot' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity: number;
}

export class ListOpportunitiesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'Clients and staff; agents only ever see OPEN' })
  @IsIn(STATUSES)
  @IsOptional()
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() projectId?: string;
  @ApiPropertyOptional({ description: 'Requires this skill' }) @IsString() @MaxLength(50) @IsOptional() skill?: string;
  @ApiPropertyOptional({ description: 'Title contains' }) @IsString() @MaxLength(100) @IsOptional() search?: string;

  @ApiPropertyOptional({ description: 'Minimum hourly rate in minor units' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @IsOptional()
  minRate?: number;

  @ApiPropertyOptional({ description: 'Agents: only opportunities they are eligible for' })
  @QueryBoolean()
  @IsBoolean()
  @IsOptional()
  eligibleOnly?: boolean;
}

export class SlotResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty() capacity: number;
  @ApiProperty() filledCount: number;
}

export class EligibilityDto {
  @ApiProperty() eligible: boolean;
  @ApiProperty({
    type: [String],
    example: ['CEFR_TOO_LOW'],
    description: 'ONBOARDING_INCOMPLETE, CEFR_TOO_LOW, MISSING_SKILLS, NOT_ENOUGH_EXPERIENCE, NOT_OPEN',
  })
  reasons: string[];
  @ApiProperty({ type: [String], description: 'Required skills the agent lacks' }) missingSkills: string[];
}

export class OpportunityResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String] }) requiredSkills: string[];
  @ApiProperty({ enum: CEFR_LEVELS, nullable: true }) minCefrLevel: string | null;
  @ApiProperty() minExperienceMonths: number;
  @ApiProperty({ description: 'Hourly rate in minor units' }) rateMinor: number;
  @ApiProperty({ example: 'INR' }) currency: string;
  @ApiProperty() capacity: number;
  @ApiProperty() acceptedCount: number;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [SlotResponseDto] }) slots: SlotResponseDto[];
  @ApiPropertyOptional({ type: EligibilityDto, description: 'Present for agents' }) eligibility?: EligibilityDto;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 4.5,
    description: "Present for agents: average of agents' published reviews of the client, 2 decimals (null: none yet)",
  })
  clientRating?: number | null;
  @ApiPropertyOptional({ description: "Present for agents: agents' published reviews of the client" }) clientReviewCount?: number;
}
