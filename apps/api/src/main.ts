import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { ConfigError, loadConfigFromProcess } from '@app/core';

import { createApp } from './bootstrap/create-app';
import { installGracefulShutdown } from './bootstrap/graceful-shutdown';
import { SWAGGER_PATH } from './bootstrap/swagger';

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
  const app = await createApp(config);
  installGracefulShutdown(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = `http://localhost:${config.PORT}`;
  const logger = new Logger('Bootstrap');
  logger.log(`Quorum API listening on ${base}/api/v1 (database: ${config.DB_TYPE})`);
  if (config.SWAGGER_ENABLED) logger.log(`Swagger UI: ${base}/${SWAGGER_PATH}`);
}

bootstrap().catch((error: unknown) => {
  console.error(
    `Quorum API failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
