import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';

export class CreateSubmissionDto {
  @ApiProperty({ example: 'Handled 42 chats; transcript summary attached.' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  content: string;
}

export class ReviewSubmissionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED', 'REWORK_NEEDED'] })
  @IsIn(['APPROVED', 'REJECTED', 'REWORK_NEEDED'])
  decision: 'APPROVED' | 'REJECTED' | 'REWORK_NEEDED';

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(5000)
  @IsOptional()
  notes?: string;
}

export class ListPaymentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsUUID() @IsOptional() gigId?: string;
}

export class SubmissionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) gigId: string;
  @ApiProperty() content: string;
  @ApiProperty({ description: 'Attached deliverable files, downloadable at /submissions/:id/files/:index' }) fileCount: number;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'REJECTED', 'REWORK_NEEDED', 'REWORK_SUBMITTED'] }) status: string;
  @ApiProperty() reworkRounds: number;
  @ApiProperty({ nullable: true, type: String }) reviewNotes: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Worked minutes this approval pays for' }) workedMinutes: number | null;
  @ApiProperty() autoApproved: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Set once paid; an approval of work with nothing to pay settles it at once (a payment of 0)',
  })
  paymentId: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) reviewedAt: Date | null;
}

export class PaymentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ format: 'uuid' }) gigId: string;
  @ApiProperty({ description: 'Minor units of currency; 0 when the approved work had no worked time to pay (settled at approval)' }) amountMinor: number;
  @ApiProperty({ example: 'INR' }) currency: string;
  @ApiProperty() workedMinutes: number;
  @ApiProperty({ description: 'Hourly rate in minor units' }) rateMinor: number;
  @ApiProperty({ enum: ['SETTLED'] }) status: string;
  @ApiProperty({ description: 'Settled by the platform (automatic approval or sweep), not by a payer' }) automatic: boolean;
  @ApiProperty() createdAt: Date;
}
