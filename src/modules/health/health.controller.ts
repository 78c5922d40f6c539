import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { NoRateLimit } from '../../common/http/rate-limit.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @NoRateLimit()
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiEnvelope(LivenessDto)
  liveness(): LivenessDto {
    return this.health.liveness();
  }

  @Get('ready')
  @Public()
  @NoRateLimit()
  @ApiOperation({ summary: 'Readiness: the database (and Redis when configured) answer' })
  @ApiEnvelope(ReadinessDto)
  @ApiErrors(HttpStatus.SERVICE_UNAVAILABLE)
  readiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
