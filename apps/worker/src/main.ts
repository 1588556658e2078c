import 'reflect-metadata';

import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ConfigError, loadConfigFromProcess } from '@app/core';
import { PinoNestLogger } from '@app/observability';

import { WorkerModule } from './worker.module';

/** A Nest application context without an HTTP listener: runs queue processors. */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.REDIS_URL) {
    console.error('Quorum worker needs REDIS_URL: the job queues live in Redis');
    process.exit(1);
  }
  // The API applies migrations and seeds; a worker only uses the schema.
  config.DB_MIGRATIONS_RUN = false;
  config.DB_SEED_ON_START = false;
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  const logger = new NestLogger('Worker');
  // Nothing else holds the event loop until queues attach; stay up until told to stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Closing the queues waits for the jobs in progress. A job still running when the timeout
    // strikes is released: its lock lapses and another worker's stalled check runs it again.
    logger.log(`${signal} received: finishing active jobs`);
    clearInterval(keepAlive);
    setTimeout(() => {
      logger.warn(
        `Jobs still running after ${config.SHUTDOWN_TIMEOUT_MS} ms; leaving them to another worker`,
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.log('Quorum worker ready (no HTTP listener)');
}

bootstrap().catch((error: unknown) => {
  console.error(
    `Quorum worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
