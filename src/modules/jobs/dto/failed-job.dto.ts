import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import type { FailedJob } from '../../../generated/prisma/client.js';

export class ListFailedJobsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'push', description: 'Only jobs of this queue' })
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'queue must be a queue name (lower-case letters, digits and dashes)' })
  @IsOptional()
  queue?: string;
}

/** A job that used up its attempts. The payload is shown as its summary: secrets never leave the server. */
export class FailedJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'push' }) queue: string;
  @ApiProperty({ example: '42', description: "The queue's own id of the job" }) jobId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { userId: '0b5c…', title: 'New donor query', type: 'query.new' } })
  summary: Record<string, unknown>;
  @ApiProperty({ example: 'The push provider did not accept the message' }) error: string;
  @ApiProperty({ example: 5 }) attempts: number;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
}

export function toFailedJobDto(row: FailedJob): FailedJobDto {
  return {
    id: row.id,
    queue: row.queue,
    jobId: row.jobId,
    summary: row.summary as Record<string, unknown>,
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failedAt.toISOString(),
  };
}

export class RetriedJobDto {
  @ApiProperty({ format: 'uuid', description: 'The failed-list entry, now marked retried' }) id: string;
  @ApiProperty({ example: 'push' }) queue: string;
  @ApiProperty({ example: '43', description: 'The id of the new job' }) jobId: string;
}
