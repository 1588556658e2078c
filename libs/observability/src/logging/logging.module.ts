import { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';

import { AppConfig, requestIdFrom } from '@app/core';

import { redactSecrets } from './redaction';

/** Raw request as Fastify hands it to middleware: carries the id and route Fastify resolved. */
export type RawRequestWithContext = IncomingMessage & { routeTemplate?: string; userId?: string };

/** Paths whose requests get no log line. */
const UNLOGGED_PATHS = new Set(['/favicon.ico', '/metrics']);

/** Middleware sees `req.url` relative to its mount point; `originalUrl` is the path as received. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function isUnloggedPath(req: IncomingMessage): boolean {
  return UNLOGGED_PATHS.has(pathOf(req));
}

/** `GET /api/v1/tags/:id 200`: the route template, or the path when no route matched. */
function requestMessage(req: IncomingMessage, res: ServerResponse): string {
  return `${req.method} ${(req as RawRequestWithContext).routeTemplate ?? pathOf(req)} ${res.statusCode}`;
}

export function pinoHttpOptions(
  config: AppConfig,
  destination?: NodeJS.WritableStream,
): PinoHttpOptions {
  const pretty = config.logFormat === 'pretty' && !destination;
  return {
    level: config.LOG_LEVEL,
    messageKey: 'msg',
    timestamp: stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
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
    // pino-http asks twice: when the request starts (the route is known, the user not yet) and
    // when it ends (after the auth guard set userId). Each field is bound once, so no key repeats.
    customProps: (req: IncomingMessage, res: ServerResponse) => {
      const raw = req as RawRequestWithContext;
      if (!res.headersSent) return { route: raw.routeTemplate };
      return raw.userId ? { user_id: raw.userId } : {};
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
    customSuccessMessage: requestMessage,
    customErrorMessage: requestMessage,
    // Prometheus scrapes every few seconds; their timings are in the metrics themselves.
    autoLogging: { ignore: isUnloggedPath },
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
