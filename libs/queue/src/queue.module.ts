import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import type { Queue } from 'bull';

import type { AppConfig } from '@app/core';

import { defaultJobOptions, queuePrefix, queueSettings } from './job-options';
import { QueueMonitor } from './queue-monitor';
import { QueueRegistry } from './queue-registry';

/** Every queue of the application. */
export const QUEUE = { reports: 'reports' } as const;

/**
 * Bull on REDIS_URL (@nestjs/bull): the shared job options and worker settings, the named queues,
 * a QueueRegistry to reach them by name, and the QueueMonitor. Without REDIS_URL no Bull
 * connection is made and the registry is empty. Producers and processors live in feature modules;
 * processors attach only where workers run (apps/worker, or the API with RUN_WORKERS=true).
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, names: string[] = Object.values(QUEUE)): DynamicModule {
    if (!config.REDIS_URL) {
      return {
        module: QueueModule,
        global: true,
        providers: [{ provide: QueueRegistry, useValue: new QueueRegistry([]) }, QueueMonitor],
        exports: [QueueRegistry, QueueMonitor],
      };
    }
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          url: config.REDIS_URL,
          prefix: queuePrefix(config),
          defaultJobOptions: defaultJobOptions(config),
          settings: queueSettings(config),
        }),
        BullModule.registerQueue(...names.map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: QueueRegistry,
          inject: names.map((name) => getQueueToken(name)),
          useFactory: (...queues: Queue[]) => new QueueRegistry(queues),
        },
        QueueMonitor,
      ],
      exports: [BullModule, QueueRegistry, QueueMonitor],
    };
  }
}
