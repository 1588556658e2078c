import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { SentryModule } from '@sentry/nestjs/setup';

import { AppConfig } from '@app/core';

import { closeErrorTracking, initErrorTracking } from './error-tracking';
import { SentryErrorReporter } from './sentry-error.reporter';

@Injectable()
class ErrorTrackingLifecycle implements OnApplicationShutdown {
  /** Sends what is still queued before the process goes. */
  async onApplicationShutdown(): Promise<void> {
    await closeErrorTracking(2000);
  }
}

/**
 * Error tracking with Sentry's Nest SDK when SENTRY_DSN is set. The SDK starts here, while the
 * module graph is built; SentryErrorReporter is what the global exception filter reports to.
 * With SENTRY_TRACES_SAMPLE_RATE > 0, Sentry's module names transactions by route template.
 */
@Global()
@Module({})
export class ErrorTrackingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const enabled = initErrorTracking(config);
    const tracing = enabled && config.SENTRY_TRACES_SAMPLE_RATE > 0;
    return {
      module: ErrorTrackingModule,
      imports: tracing ? [SentryModule.forRoot()] : [],
      providers: [SentryErrorReporter, ErrorTrackingLifecycle],
      exports: [SentryErrorReporter],
    };
  }
}
