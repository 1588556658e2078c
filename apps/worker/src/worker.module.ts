import { DynamicModule, Module } from '@nestjs/common';

import { RedisModule } from '@app/cache';
import { AppConfig, CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/observability';

/** The worker process: shared platform modules, no HTTP. Queue processors register here. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(),
        RedisModule,
      ],
    };
  }
}
