import { IncomingMessage } from 'node:http';

import { DynamicModule, Module } from '@nestjs/common';
import pino, { Logger as PinoInstance, LoggerOptions, stdTimeFunctions } from 'pino';

import { AppConfig } from '@app/core';

import { logContext } from './log-context';
import { redactSecrets } from './redaction';
import { PinoNestLogger } from './pino-nest.logger';
import { RequestLoggingHook } from './request-logging.hook';
import { ROOT_LOGGER } from './root-logger';

/** Raw request as Fastify hands it over: carries the route Fastify resolved and the caller. */
export type RawRequestWithContext = IncomingMessage & { routeTemplate?: string; userId?: string };

export function rootLoggerOptions(config: AppConfig, pretty: boolean): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    messageKey: 'msg',
    timestamp: stdTimeFunctions.isoTime,
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
  // Asynchronous writes: lines written while one write is in flight go out together, so under
  // load the process makes one write per batch rather than one per line (issue 8). pino flushes
  // what is pending synchronously on exit, including process.exit() and crashes.
  return pino(options, pino.destination({ dest: 1, sync: false }));
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
