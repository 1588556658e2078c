import { DynamicModule, Module } from '@nestjs/common';
import pino, { Logger as PinoInstance, LoggerOptions } from 'pino';

import { AppConfig } from '@app/core';

import { BatchedLineSink } from './batched-line-sink';
import { logContext } from './log-context';
import { redactSecrets } from './redaction';
import { PinoNestLogger } from './pino-nest.logger';
import { jsonRequestLog, pinoRequestLog, RequestLog } from './request-log';
import { RequestLoggingHook } from './request-logging.hook';
import { REQUEST_LOGGER, ROOT_LOGGER } from './root-logger';

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

/** stdout is written in batches of about this many characters (or every 250 ms). */
const LOG_BATCH_CHARS = 32 * 1024;

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

/** The root logger and the request log, writing to the same destination. */
export interface Loggers {
  root: PinoInstance;
  request: RequestLog;
}

/**
 * The process's loggers: JSON lines to stdout (or `destination`), pretty in development. The
 * request log shares the root's destination (one buffer, lines in order) and clock, and writes
 * its fixed, safe fields itself: no mixin, no redaction walk (RequestLoggingHook).
 */
export function createLoggers(config: AppConfig, destination?: pino.DestinationStream): Loggers {
  const pretty = config.logFormat === 'pretty' && !destination;
  const options = rootLoggerOptions(config, pretty);
  if (pretty) {
    const root = pino(options);
    return { root, request: pinoRequestLog(root) };
  }
  const sink = destination ?? stdoutSink();
  const time = options.timestamp as () => string;
  return { root: pino(options, sink), request: jsonRequestLog(sink, config.LOG_LEVEL, time) };
}

function stdoutSink(): pino.DestinationStream {
  // Lines go out in writes of about 32 KB, or every 250 ms (BatchedLineSink); each batch is one
  // synchronous write (sonic-boom retries when stdout is a full non-blocking pipe).
  return new BatchedLineSink(pino.destination({ dest: 1, sync: true }), LOG_BATCH_CHARS, 250);
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
    const { root, request } = createLoggers(config, destination);
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: ROOT_LOGGER, useValue: root },
        { provide: REQUEST_LOGGER, useValue: request },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(root) },
        RequestLoggingHook,
      ],
      exports: [ROOT_LOGGER, PinoNestLogger],
    };
  }
}
