import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';

import { DEFAULT_SUCCESS_MESSAGE, fastifyOf, JSON_CONTENT_TYPE, routeOf } from '@app/core';

import { HealthService } from './health.service';

/** The end of the liveness envelope, after its payload. */
const TAIL = `,"message":${JSON.stringify(DEFAULT_SUCCESS_MESSAGE)},"is_error":false}`;

/** The liveness route as Fastify knows it (global prefix and URI version included). */
export const LIVENESS_ROUTE = '/api/v1/health';

/** A liveness probe: answered by {@link LivenessHook} before any handler runs. */
export function isLivenessProbe(request: FastifyRequest): boolean {
  return request.method === 'GET' && routeOf(request).url === LIVENESS_ROUTE;
}

/**
 * Answers `GET /api/v1/health` in Fastify's onRequest hook, with the same body the controller
 * method would return. Liveness is public, never rate limited and touches nothing, so guards,
 * pipes and Nest's execution context have nothing to do for it; orchestrators poll it, and it
 * must stay cheap and answer while the rest of the stack is saturated (issue 8). The hooks
 * registered before this one (request id, security headers) and the onResponse hooks
 * (request log, metrics) still run; the controller's @QuietWhenOk() keeps successful probes out of
 * the log. The controller method keeps the route in Swagger and answers HEAD.
 */
@Injectable()
export class LivenessHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthService,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    const health = this.health;
    fastify.addHook('onRequest', (request, reply, done) => {
      if (isLivenessProbe(request)) {
        // The envelope as text: JSON.stringify of the object was a twentieth of the request.
        const { status, uptime_s } = health.liveness();
        void reply
          .header('content-type', JSON_CONTENT_TYPE)
          .send(`{"payload":{"status":${JSON.stringify(status)},"uptime_s":${uptime_s}}${TAIL}`);
        return;
      }
      done();
    });
  }
}
