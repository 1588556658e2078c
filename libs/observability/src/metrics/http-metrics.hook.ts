import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { fastifyOf, routeOf } from '@app/core';

import { MetricsService } from './metrics.service';

/**
 * Records every HTTP response (including 404s, 413s and guard rejections that never reach a
 * controller) in Fastify's onResponse hook: synchronous, after the response is sent, so it adds
 * nothing to the latency the client sees. Duration is Fastify's own `reply.elapsedTime` (from the
 * start of routing), the route label Fastify's route template (`routeOf(request).url`).
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    // A worker (application context without HTTP) has no Fastify: nothing to record.
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    const metrics = this.metrics;
    fastify.addHook('onResponse', (request, reply, done) => {
      metrics.observeHttp(
        request.method,
        routeOf(request).url,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
