import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type * as SentrySetup from '@sentry/nestjs/setup';

import { AppConfig } from '@app/core';

import { closeErrorTracking, initErrorTracking } from './error-tracking';
import { SentryErrorReporter } from './sentry-error.reporter';

/** Loaded only with tracing on, like the SDK itself (see sentrySdk()). */
function sentrySetup(): typeof SentrySetup {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand
  return require('@sentry/nestjs/setup') as typeof SentrySetup;
}

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
      imports: tracing ? [sentrySetup().SentryModule.forRoot()] : [],
      providers: [SentryErrorReporter, ErrorTrackingLifecycle],
      exports: [SentryErrorReporter],
    };
  }
}
