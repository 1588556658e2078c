import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';

import { AuthCoreModule, JwtAuthGuard, RolesGuard } from '@app/auth';
import { AppCacheModule, RedisModule } from '@app/cache';
import { AppConfig, CoreModule, createValidationPipe, GlobalExceptionFilter } from '@app/core';
import { DatabaseErrorTranslator, DatabaseModule } from '@app/database';
import { IdempotencyModule } from '@app/idempotency';
import { MailModule } from '@app/mail';
import {
  AuditModule,
  ErrorTrackingModule,
  LoggingModule,
  MetricsModule,
  SentryErrorReporter,
} from '@app/observability';
import { QueueModule } from '@app/queue';
import { RateLimitModule } from '@app/rate-limit';

import { GlobalGuards } from './bootstrap/global-guards';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsEndpointModule } from './modules/metrics/metrics.module';
import { ReportsModule } from './modules/reports/reports.module';
import { AuditLogsModule } from './modules/audit-logs/audit-logs.module';
import { ReviewRequestsModule } from './modules/review-requests/review-requests.module';
import { TagsModule } from './modules/tags/tags.module';
import { UsersModule } from './modules/users/users.module';
import { WorkflowsModule } from './modules/workflows/workflows.module';

export interface AppModuleOptions {
  /** Where JSON log lines go (tests capture them); stdout by default. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config, options.logDestination),
        ErrorTrackingModule.forRoot(config),
        MetricsModule.forRoot(),
        DatabaseModule.forRoot(),
        RedisModule,
        AppCacheModule,
        RateLimitModule,
        QueueModule.forRoot(config),
        AuthCoreModule,
        MailModule,
        HealthModule,
        MetricsEndpointModule,
        AuditModule,
        IdempotencyModule,
        TagsModule,
        WorkflowsModule,
        ReviewRequestsModule,
        AuditLogsModule,
        UsersModule,
        AuthModule,
        // RUN_WORKERS=true runs the queue's jobs in this process too (the zero-setup start).
        ReportsModule.forRoot({ http: true, processors: config.RUN_WORKERS }),
      ],
      providers: [
        // Authentication (401), rate limits (429), roles (403), in that order: see GlobalGuards.
        JwtAuthGuard,
        RolesGuard,
        { provide: APP_GUARD, useClass: GlobalGuards },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        {
          provide: APP_FILTER,
          inject: [DatabaseErrorTranslator, SentryErrorReporter],
          useFactory: (db: DatabaseErrorTranslator, sentry: SentryErrorReporter) =>
            new GlobalExceptionFilter([db], [sentry]),
        },
      ],
    };
  }
}
