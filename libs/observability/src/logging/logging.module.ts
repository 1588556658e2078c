import { DynamicModule, Module } from '@nestjs/common';
import pino, { Logger as PinoInstance, LoggerOptions } from 'pino';

import { AppConfig } from '@app/core';

import { logContext } from './log-context';
import { redactSecrets } from './redaction';
import { PinoNestLogger } from './pino-nest.logger';
import { RequestLoggingHook } from './request-logging.hook';
import { ROOT_LOGGER } from './root-logger';

/**
 * pino's `isoTime`, computed once per millisecond rather than once per line: under load many lines
 * share a millisecond, and `toISOString()` was a measurable part of each request's log line.
 */
function isoTimeCachedPerMs(): () => string {
  let lastMs = -1;
  let field = '';
  return () => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      field = `,"time":"${new Date(now).toISOString()}"`;
    }
    return field;
  };
}

export function rootLoggerOptions(config: AppConfig, pretty: boolean): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    messageKey: 'msg',
    timestamp: isoTimeCachedPerMs(),
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
    base: undefined,
    // Every line written while a request or job is served carries its request_id (and user_id);
    // fields the call passes itself win, so no key repeats.
    mixin: () => logContext(),
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
          },
        }
      : {}),
  };
}

/** The process's one pino logger: JSON lines to stdout (or `destination`), pretty in development. */
export function createRootLogger(
  config: AppConfig,
  destination?: NodeJS.WritableStream,
): PinoInstance {
  const pretty = config.logFormat === 'pretty' && !destination;
  const options = rootLoggerOptions(config, pretty);
  if (destination) return pino(options, destination);
  if (pretty) return pino(options);
  // Lines are gathered into writes of at least 4 KB, and whatever is pending goes out every
  // 250 ms: a write system call per line was a tenth of a request's CPU here (issue 8). pino
  // flushes what is pending synchronously on exit, including process.exit() and crashes.
  return pino(
    options,
    pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }),
  );
}

/**
 * Logging for the API and the worker: one pino logger per application, behind Nest's LoggerService
 * (PinoNestLogger: framework and `new Logger(ctx)` lines). No per-request child logger or
 * middleware (pino-http cost more per request than the request itself, issue 8): the request line
 * is written by RequestLoggingHook in Fastify's onResponse hook, and request_id / user_id reach
 * every other line through the mixin, from the request context.
 */
@Module({})
export class LoggingModule {
  /** `destination` lets tests capture the exact bytes the process would log. */
  static forRoot(config: AppConfig, destination?: NodeJS.WritableStream): DynamicModule {
    const root = createRootLogger(config, destination);
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: ROOT_LOGGER, useValue: root },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(root) },
        RequestLoggingHook,
      ],
      exports: [ROOT_LOGGER, PinoNestLogger],
    };
  }
}
