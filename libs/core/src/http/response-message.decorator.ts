import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/** What a route tells the envelope, kept in its Fastify route config (read once per reply). */
export interface EnvelopeRouteConfig {
  /** The envelope's `message` on success (default "Success"). */
  responseMessage?: string;
  /** Answer without the envelope (plain-text metrics, file downloads). */
  rawResponse?: boolean;
}

/** What a route tells the request log (RequestLoggingHook). */
export interface RequestLogRouteConfig {
  /** No request log line when the answer is below 400 (see @QuietWhenOk). */
  quietWhenOk?: boolean;
}

/**
 * Merges into the route's Fastify config (Nest's @RouteConfig replaces it), so these decorators
 * combine with each other and with @RouteConfig placed above them.
 */
function mergeRouteConfig(config: EnvelopeRouteConfig & RequestLogRouteConfig): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const existing = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as
      Record<string, unknown> | undefined;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, ...config }, handler);
    return descriptor;
  };
}

/** The envelope's `message` for a successful call of this route (default "Success"). */
export const ResponseMessage = (message: string) => mergeRouteConfig({ responseMessage: message });

/** Opt a route out of the envelope (plain-text metrics, file downloads). */
export const RawResponse = () => mergeRouteConfig({ rawResponse: true });

/**
 * No request log line for this route's successful answers; errors are logged as everywhere, and
 * metrics count every answer. For probes that orchestrators send every few seconds per instance
 * (liveness), whose lines would drown the traffic they exist to watch (decision 035).
 */
export const QuietWhenOk = () => mergeRouteConfig({ quietWhenOk: true });
