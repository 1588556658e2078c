import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { fastifyOf, RequestLogRouteConfig, requestUserIdOf, routeOf } from '@app/core';

import { RequestLog } from './request-log';
import { REQUEST_LOGGER } from './root-logger';

/** Paths whose requests get no log line (Prometheus scrapes every few seconds). */
const UNLOGGED_PATHS = new Set(['/favicon.ico', '/metrics']);

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * One JSON line per request, written in Fastify's onResponse hook (after the response is sent):
 * `GET /api/v1/tags/:id 200` with request_id, route template, user_id when signed in, method, path
 * without the query string (it may carry personal data), status and duration. 5xx log at error,
 * 4xx at warn; routes marked @QuietWhenOk() log only their errors. Nothing else of the request is
 * logged: no headers, no body. Written by the request log (REQUEST_LOGGER): these fields are safe
 * by construction, so the line skips the root logger's mixin and secret redaction.
 */
@Injectable()
export class RequestLoggingHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(REQUEST_LOGGER) private readonly log: RequestLog,
  ) {}

  onModuleInit(): void {
    // The worker is an application context without HTTP: nothing to log here.
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    const log = this.log;
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
      const path = pathOf(request.url);
      const route = routeOf(request);
      const quiet =
        reply.statusCode < 400 && (route.config as RequestLogRouteConfig | undefined)?.quietWhenOk;
      if (!quiet && !UNLOGGED_PATHS.has(path)) {
        log.write({
          requestId: request.id,
          route: route.url,
          userId: requestUserIdOf(request),
          method: request.method,
          path,
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
        });
      }
      done();
    });
  }
}
