import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const logger = new Logger('AfterResponse');

/**
 * Runs a short task once the response has been handed to the client (standard §4.3: short
 * background work such as a mail runs after the response, not on a queue). It runs when the
 * response finishes or the connection closes, whichever comes first, and exactly once.
 */
export function runAfterResponse(
  reply: FastifyReply,
  name: string,
  task: () => Promise<unknown>,
): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    task().catch((error: unknown) =>
      logger.error(
        { task: name, err: error instanceof Error ? error.name : 'Error' },
        `Background task "${name}" failed`,
      ),
    );
  };
  if (reply.raw.writableFinished || reply.raw.destroyed) {
    setImmediate(start);
    return;
  }
  reply.raw.once('finish', start);
  reply.raw.once('close', start);
}
