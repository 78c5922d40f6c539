import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { CEFR_LEVELS, type CefrLevel } from '../../../common/cefr.js';

const KYC_STATUSES = ['PENDING', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
const ASSESSMENT_STATUSES = ['NOT_STARTED', 'PASSED', 'FAILED'] as const;

export class ListAgentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: KYC_STATUSES })
  @IsIn(KYC_STATUSES)
  @IsOptional()
  kycStatus?: (typeof KYC_STATUSES)[number];

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsIn(ASSESSMENT_STATUSES)
  @IsOptional()
  assessmentStatus?: (typeof ASSESSMENT_STATUSES)[number];

  @ApiPropertyOptional({ enum: CEFR_LEVELS })
  @IsIn(CEFR_LEVELS)
  @IsOptional()
  cefrLevel?: CefrLevel;

  @ApiPropertyOptional({ description: 'Matches name or email' })
  @IsString()
  @MaxLength(100)
  @IsOptional()
  search?: string;
}

export class KycDecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] })
  @IsIn(['APPROVED', 'REJECTED'])
  decision: 'APPROVED' | 'REJECTED';

  @ApiPropertyOptional({ description: 'Required when rejecting; shown to the agent' })
  @ValidateIf((o: KycDecisionDto) => o.decision === 'REJECTED' || o.reason !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason?: string;
}

export class RecordAssessmentDto {
  @ApiProperty({ enum: ['PASSED', 'FAILED'] })
  @IsIn(['PASSED', 'FAILED'])
  status: 'PASSED' | 'FAILED';

  @ApiPropertyOptional({ enum: CEFR_LEVELS, description: 'Required when PASSED' })
  @ValidateIf((o: RecordAssessmentDto) => o.status === 'PASSED' || o.cefrLevel !== undefined)
  @IsIn(CEFR_LEVELS)
  cefrLevel?: CefrLevel;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  @IsOptional()
  score?: number;
}
