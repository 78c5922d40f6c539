import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';

export const ACTIVITY_TYPES = ['LOGIN', 'BREAK_START', 'BREAK_END', 'LOGOUT'] as const;

export class ListGigsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['ACTIVE', 'COMPLETED'] }) @IsIn(['ACTIVE', 'COMPLETED']) @IsOptional() status?: 'ACTIVE' | 'COMPLETED';
}

export class PickSlotsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Schedule slots of the gig's opportunity" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true })
  slotIds: string[];
}

export class ActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  type: (typeof ACTIVITY_TYPES)[number];
}

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ example: 'Reliable and friendly.' })
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  comment?: string;
}

export class WorkSlotResponseDto {
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
}

export class ActivitySummaryDto {
  @ApiProperty({ enum: ['OFFLINE', 'WORKING', 'ON_BREAK'] }) state: string;
  @ApiProperty({ description: 'Minutes worked in finished periods' }) workedMinutes: number;
  @ApiProperty() breakMinutes: number;
}

export class ActivityLogResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: string;
  @ApiProperty() occurredAt: Date;
}

export class ActivityResponseDto {
  @ApiProperty({ type: [ActivityLogResponseDto] }) entries: ActivityLogResponseDto[];
  @ApiProperty({ type: ActivitySummaryDto }) summary: ActivitySummaryDto;
}

export class GigResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) opportunityId: string;
  @ApiProperty() opportunityTitle: string;
  @ApiProperty({ description: 'Hourly rate in minor units' }) rateMinor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty({ format: 'uuid' }) agentUserId: string;
  @ApiProperty() agentName: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ nullable: true, type: String }) clientName: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 4.5, description: "Average of clients' published reviews of the agent (null: none yet)" }) agentRating:
    number | null;
  @ApiProperty({ description: "Clients' published reviews of the agent" }) agentReviewCount: number;
  @ApiProperty({ nullable: true, type: Number, example: 4.5, description: "Average of agents' published reviews of the client (null: none yet)" })
  clientRating: number | null;
  @ApiProperty({ description: "Agents' published reviews of the client" }) clientReviewCount: number;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED'] }) status: string;
  @ApiProperty({ enum: ['OFFLINE', 'WORKING', 'ON_BREAK'] }) workState: string;
  @ApiProperty({ type: [WorkSlotResponseDto] }) workSlots: WorkSlotResponseDto[];
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class ReviewResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) gigId: string;
  @ApiProperty({ enum: ['AGENT_TO_CLIENT', 'CLIENT_TO_AGENT'] }) direction: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty() rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'null until both sides reviewed or the window closed' }) publishedAt: Date | null;
  @ApiProperty() createdAt: Date;
}
