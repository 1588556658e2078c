import { DynamicModule, Module } from '@nestjs/common';

import { AppCacheModule, RedisModule } from '@app/cache';
import { AppConfig, CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { AuditModule, ErrorTrackingModule, LoggingModule, MetricsModule } from '@app/observability';
import { QueueModule } from '@app/queue';

import { ReportsModule } from '../../api/src/modules/reports/reports.module';

/**
 * The worker process: shared platform modules, no HTTP, and every queue's processors. The feature
 * modules the processors need (reports → review requests → workflows) come with their services,
 * which is why cache, audit and mail are here too.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        ErrorTrackingModule.forRoot(config),
        MetricsModule.forRoot(
          config.WORKER_METRICS_PORT
            ? { port: config.WORKER_METRICS_PORT, host: config.HOST, token: config.METRICS_TOKEN }
            : {},
        ),
        DatabaseModule.forRoot(),
        RedisModule,
        AppCacheModule,
        AuditModule,
        MailModule,
        QueueModule.forRoot(config),
        ReportsModule.forRoot({ http: false, processors: true }),
      ],
    };
  }
}
