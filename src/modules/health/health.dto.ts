import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ example: 12 }) uptimeSeconds: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({
    example: { database: { status: 'up', responseTimeMs: 1 } },
    description: 'One entry per dependency (database, and Redis when configured)',
  })
  checks: Record<string, { status: string }>;
}
