import { Controller, Get, Header, UseGuards, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Public } from '@app/auth';
import { RawResponse, SkipRateLimit } from '@app/core';
import { METRICS_CONTENT_TYPE, MetricsService } from '@app/observability';

import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * `GET /metrics` (outside /api/v1): Prometheus text for the scraper, not part of the public
 * API (hidden from Swagger). @Public() for the JWT guard: the scrape carries METRICS_TOKEN
 * (checked by MetricsTokenGuard when set), not a user's token. Never rate limited.
 */
@ApiExcludeController()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
@SkipRateLimit()
@Public()
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RawResponse()
  @Header('content-type', METRICS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
