import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { CEFR_LEVELS } from '../../../common/cefr.js';

const STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;

export class ApplyDto {
  @ApiPropertyOptional({ example: 'I have two years of chat support in retail.' })
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  coverNote?: string;
}

export class DecideApplicationDto {
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] })
  @IsIn(['ACCEPTED', 'REJECTED'])
  decision: 'ACCEPTED' | 'REJECTED';

  @ApiPropertyOptional({ description: 'Shown to the agent' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @IsOptional()
  reason?: string;
}

export class ListApplicationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsIn(STATUSES) @IsOptional() status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() opportunityId?: string;
}

export class ApplicationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) opportunityId: string;
  @ApiProperty() opportunityTitle: string;
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty() agentName: string;
  @ApiProperty({ enum: CEFR_LEVELS, nullable: true, description: "The agent's assessed level, for the client's decision" }) agentCefrLevel: string | null;
  @ApiProperty({ type: [String] }) agentSkills: string[];
  @ApiProperty({ description: 'Whole calendar months of experience (as on the agent profile)' }) agentExperienceMonths: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 4.5,
    description: "Average of clients' published reviews of the agent, 2 decimals (null: none yet); see GET /agents/:id/reviews",
  })
  agentRating: number | null;
  @ApiProperty({ description: "Clients' published reviews of the agent (reviews still hidden by the double-blind rule do not count)" })
  agentReviewCount: number;
  @ApiProperty({ nullable: true, type: String }) coverNote: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The SelectedGig once accepted' }) gigId: string | null;
  @ApiProperty() createdAt: Date;
}
