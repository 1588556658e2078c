import { INestApplication, Logger } from '@nestjs/common';

import { shutdownState } from './shutdown-state';

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, close the pool and
 * Redis (app.close runs every shutdown hook), then exit. A stuck close is cut off after timeoutMs.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    shutdownState.closing = true;
    logger.log(`${signal} received: finishing in-flight requests`);
    const timer = setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app
      .close()
      .then(() => {
        logger.log('Shutdown complete');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
