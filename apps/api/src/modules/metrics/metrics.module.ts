import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

/** The HTTP face of MetricsModule (libs/observability): the scrape endpoint. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsTokenGuard],
})
export class MetricsEndpointModule {}
