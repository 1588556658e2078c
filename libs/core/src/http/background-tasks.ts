import { createParamDecorator, ExecutionContext, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { RequestContext } from '../context/request-context';

const logger = new Logger('BackgroundTasks');

type Task = () => Promise<unknown>;

/**
 * The standard's §4.3 "BackgroundTasks": short work (a mail, a cleanup) that runs after the
 * response has been sent, so it never delays or fails the request. Tasks run in order, inside the
 * request's context (its request id stays on their log lines); a failure is logged, never thrown.
 * Long or critical work belongs on a queue instead.
 */
export class BackgroundTasks {
  private readonly tasks: { name: string; run: Task }[] = [];
  private scheduled = false;

  constructor(private readonly whenResponded: (start: () => void) => void) {}

  add(name: string, run: Task): void {
    this.tasks.push({ name, run });
    if (this.scheduled) return;
    this.scheduled = true;
    const context = RequestContext.current();
    this.whenResponded(() => {
      const drain = () => this.drain();
      void (context ? RequestContext.run(context, drain) : drain());
    });
  }

  get size(): number {
    return this.tasks.length;
  }

  private async drain(): Promise<void> {
    for (const task of this.tasks.splice(0)) {
      try {
        await task.run();
      } catch (error) {
        logger.error({ task: task.name, err: error }, `Background task "${task.name}" failed`);
      }
    }
  }
}

/** Starts `start` once the response is finished (or the connection closed), exactly once. */
export function afterResponse(reply: FastifyReply, start: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  if (reply.raw.writableFinished || reply.raw.destroyed) {
    setImmediate(once);
    return;
  }
  reply.raw.once('finish', once);
  reply.raw.once('close', once);
}

/** Route parameter: `@Background() tasks: BackgroundTasks`. */
export const Background = createParamDecorator(
  (_data: unknown, context: ExecutionContext): BackgroundTasks =>
    new BackgroundTasks((start) =>
      afterResponse(context.switchToHttp().getResponse<FastifyReply>(), start),
    ),
);

/** For code outside a request (seeds, workers): runs the tasks on the next turn of the event loop. */
export function detachedBackgroundTasks(): BackgroundTasks {
  return new BackgroundTasks((start) => setImmediate(start));
}
