import type { FastifyRequest } from 'fastify';

/** What the per-request hooks need of the matched route. */
export interface RouteInfo {
  /** The route template (`/api/v1/tags/:id`); undefined when no route matched (404). */
  url?: string;
  /** The route's Fastify config (where @ResponseMessage / @RawResponse live). */
  config?: Record<string, unknown>;
}

const ROUTE = Symbol('quorum:route');

/**
 * The request's route, read once: Fastify's `request.routeOptions` builds a new twelve-field object
 * on every access, and the hooks of one request (context, liveness, envelope, rate limit, log line,
 * metrics) would otherwise build it half a dozen times (issue 8).
 */
export function routeOf(request: FastifyRequest): RouteInfo {
  const holder = request as FastifyRequest & { [ROUTE]?: RouteInfo };
  let route = holder[ROUTE];
  if (!route) {
    const { url, config } = request.routeOptions;
    route = { url, config: config as unknown as Record<string, unknown> | undefined };
    holder[ROUTE] = route;
  }
  return route;
}
