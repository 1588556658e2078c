import type { IncomingMessage, ServerResponse } from 'node:http';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import {
  DEFAULT_SUCCESS_MESSAGE,
  FrontDoor,
  JSON_CONTENT_TYPE,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from '@app/core';
import { MetricsService } from '@app/observability';

import { HealthService } from '../modules/health/health.service';
import { LIVENESS_ROUTE } from '../modules/health/liveness-route';
import { apiHelmetOptions, securityHeaders } from './http-hardening';
import { shutdownState } from './shutdown-state';

/** The end of the liveness envelope, after its payload. */
const TAIL = `,"message":${JSON.stringify(DEFAULT_SUCCESS_MESSAGE)},"is_error":false}`;

/**
 * The probes the front door answers: a plain `GET /api/v1/health`. A HEAD, a query string, a
 * browser's cross-origin request (it needs CORS headers) and every request once shutdown has begun
 * (Fastify then answers 503 and closes the connection) go on to Fastify, whose controller gives
 * the same body.
 */
export function isFrontDoorLivenessProbe(request: IncomingMessage, closing: boolean): boolean {
  return (
    request.url === LIVENESS_ROUTE &&
    request.method === 'GET' &&
    request.headers.origin === undefined &&
    !closing
  );
}

/**
 * Answers liveness probes at the Node server, before Fastify routes them (decision 038): the same
 * status, body, request id and security headers as the route behind it, counted in the same
 * metric (duration up to handing the response to the socket) and, like any successful probe, not
 * logged. Orchestrators and load balancers poll it every few seconds per instance, and it must
 * answer while the stack behind it is saturated; Fastify's routing, reply and hooks were 40 % of
 * a probe's cost. Does nothing when the app's server is not a front door's (tests that inject).
 */
export function openLivenessFrontDoor(app: NestFastifyApplication): void {
  const door = FrontDoor.of(app.getHttpServer());
  if (!door) return;
  const health = app.get(HealthService);
  const metrics = app.get(MetricsService);
  // Name, value, name, value: Node takes a flat list as it is, with no object to walk.
  const fixedHeaders = [
    'content-type',
    JSON_CONTENT_TYPE,
    ...Object.entries(securityHeaders(apiHelmetOptions())).flat(),
  ];
  door.open((request: IncomingMessage, response: ServerResponse) => {
    if (!isFrontDoorLivenessProbe(request, shutdownState.closing)) return false;
    const started = performance.now();
    const { status, uptime_s } = health.liveness();
    const body = `{"payload":{"status":${JSON.stringify(status)},"uptime_s":${uptime_s}}${TAIL}`;
    response.writeHead(200, [
      ...fixedHeaders,
      REQUEST_ID_HEADER,
      requestIdFrom(request.headers),
      'content-length',
      String(Buffer.byteLength(body)),
    ]);
    response.end(body);
    metrics.observeHttp('GET', LIVENESS_ROUTE, 200, (performance.now() - started) / 1000);
    return true;
  });
}
