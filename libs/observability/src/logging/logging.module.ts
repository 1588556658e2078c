import { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';

import { AppConfig, requestIdFrom } from '@app/core';

import { REDACT_PATHS, REDACTED } from './redaction';

/** Raw request as Fastify hands it to middleware: carries the id and route Fastify resolved. */
export type RawRequestWithContext = IncomingMessage & { routeTemplate?: string; userId?: string };

export function pinoHttpOptions(
  config: AppConfig,
  destination?: NodeJS.WritableStream,
): PinoHttpOptions {
  const pretty = config.logFormat === 'pretty' && !destination;
  return {
    level: config.LOG_LEVEL,
    messageKey: 'msg',
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    base: undefined,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
          },
        }
      : {}),
    ...(destination ? { stream: destination } : {}),
    genReqId: (req: IncomingMessage) => req.id ?? requestIdFrom(req.headers),
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    customProps: (req: IncomingMessage) => {
      const raw = req as RawRequestWithContext;
      return { route: raw.routeTemplate, ...(raw.userId ? { user_id: raw.userId } : {}) };
    },
    // One line per request; the request/response objects are trimmed to what an operator needs,
    // which also keeps headers such as cookies and helmet's long list out of the log.
    serializers: {
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${(req as RawRequestWithContext).routeTemplate ?? req.url?.split('?')[0]} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${(req as RawRequestWithContext).routeTemplate ?? req.url?.split('?')[0]} ${res.statusCode}`,
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/favicon.ico' },
    quietReqLogger: true,
  };
}

@Module({})
export class LoggingModule {
  /** `destination` lets tests capture the exact bytes the process would log. */
  static forRoot(config: AppConfig, destination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: pinoHttpOptions(config, destination),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
