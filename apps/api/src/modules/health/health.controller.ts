import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Public } from '@app/auth';
import { ApiEnvelope, ApiErrors, QuietWhenOk, SkipRateLimit } from '@app/core';

import { HealthDetailsResDto, LivenessResDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
// Probes from load balancers and orchestrators must never be refused with 429.
@SkipRateLimit()
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  // Orchestrators poll it every few seconds per instance: only failures get a log line.
  @QuietWhenOk()
  @ApiOperation({ summary: 'Liveness', description: 'The process is up. Calls no dependency.' })
  @ApiEnvelope(LivenessResDto)
  liveness(): LivenessResDto {
    return this.health.liveness();
  }

  @Get('detailed')
  @ApiOperation({
    summary: 'Readiness with dependency checks',
    description:
      'Checks the database, Redis and the job queues (when configured: waiting, active, delayed and failed jobs per queue) and heap. 503 when a required dependency is down.',
  })
  @ApiEnvelope(HealthDetailsResDto)
  @ApiErrors(HttpStatus.SERVICE_UNAVAILABLE)
  detailed(): Promise<HealthDetailsResDto> {
    return this.health.detailed();
  }
}
