import type * as Sentry from '@sentry/nestjs';

import { AppConfig, ErrorReportContext, RequestContext } from '@app/core';

import { scrubBreadcrumb, scrubEvent } from './scrub';

type Integrations = Exclude<Sentry.NodeOptions['defaultIntegrations'], false | undefined>;

let activeClient: Sentry.NodeClient | undefined;
let loadedSdk: typeof Sentry | undefined;

/**
 * The SDK is loaded when error tracking is configured, not before: with its OpenTelemetry
 * dependencies it adds about 28 MB to the process, which an API without SENTRY_DSN should not
 * carry (issue 8's idle RSS).
 */
export function sentrySdk(): typeof Sentry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  loadedSdk ??= require('@sentry/nestjs') as typeof Sentry;
  return loadedSdk;
}

/**
 * Integrations when tracing is off: error capture only. No http/fastify/nest instrumentation,
 * so a request costs nothing until something fails; the request context is attached by
 * reportError() from what the exception filter knows.
 */
function errorOnlyIntegrations(): Integrations {
  const Sentry = sentrySdk();
  return [
    Sentry.eventFiltersIntegration(),
    Sentry.functionToStringIntegration(),
    Sentry.linkedErrorsIntegration(),
    Sentry.dedupeIntegration(),
    Sentry.nodeContextIntegration(),
    Sentry.contextLinesIntegration(),
    Sentry.onUncaughtExceptionIntegration(),
    // 'strict' keeps Node's own behaviour (an unhandled rejection ends the process), reported first.
    Sentry.onUnhandledRejectionIntegration({ mode: 'strict' }),
  ];
}

export function sentryOptions(config: AppConfig): Sentry.NodeOptions {
  const tracing = config.SENTRY_TRACES_SAMPLE_RATE > 0;
  return {
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
    ...(config.SENTRY_RELEASE ? { release: config.SENTRY_RELEASE } : {}),
    // No IP addresses, cookies or user names from the SDK; the user is { id } set by reportError.
    sendDefaultPii: false,
    ...(tracing
      ? { tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE }
      : { defaultIntegrations: errorOnlyIntegrations() }),
    maxBreadcrumbs: 50,
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  };
}

/**
 * Starts Sentry's Nest SDK when SENTRY_DSN is set (else does nothing and reportError is a no-op).
 * Called while the module graph is built, before the HTTP server exists, so that with tracing on
 * the SDK's http instrumentation sees the server.
 */
export function initErrorTracking(config: AppConfig): boolean {
  if (!config.SENTRY_DSN) return false;
  activeClient = sentrySdk().init(sentryOptions(config));
  return activeClient !== undefined;
}

export function errorTrackingEnabled(): boolean {
  return activeClient !== undefined;
}

/** Sends what is queued (tests, and before the process exits). */
export async function flushErrorTracking(timeoutMs = 2000): Promise<boolean> {
  return activeClient ? activeClient.flush(timeoutMs) : true;
}

/** Flushes and stops the client; later reportError calls do nothing. */
export async function closeErrorTracking(timeoutMs = 2000): Promise<void> {
  const client = activeClient;
  activeClient = undefined;
  if (client) await client.close(timeoutMs);
}

function headerRecord(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out[key] = value.join(', ');
    else out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * Reports an unexpected error (a 5xx, a failed job) with the request id, user id, route and stack.
 * The request id and user id default to the current RequestContext, so queue code can call
 * `reportError(error, { tags: { queue, job: job.name }, extra: { job_id: job.id } })` inside the
 * context it restored from the job. Returns the Sentry event id, or undefined when disabled.
 * Never throws. Secrets are scrubbed in beforeSend, whatever the caller passes.
 */
export function reportError(error: unknown, context: ErrorReportContext = {}): string | undefined {
  if (!activeClient) return undefined;
  try {
    const store = RequestContext.current();
    const requestId = context.request_id ?? store?.requestId;
    const userId = context.user_id ?? store?.userId;
    const Sentry = sentrySdk();
    return Sentry.withScope((scope) => {
      if (requestId) scope.setTag('request_id', requestId);
      if (context.route) scope.setTag('route', context.route);
      if (context.method) scope.setTag('method', context.method);
      for (const [key, value] of Object.entries(context.tags ?? {})) scope.setTag(key, value);
      if (userId) scope.setUser({ id: userId });
      if (context.route)
        scope.setTransactionName(`${context.method ?? ''} ${context.route}`.trim());
      if (context.extra) scope.setExtras(context.extra);
      if (context.url !== undefined || context.headers || context.body !== undefined) {
        const request: Sentry.Event['request'] = {
          ...(context.method ? { method: context.method } : {}),
          ...(context.url !== undefined ? { url: context.url } : {}),
          ...(context.headers ? { headers: headerRecord(context.headers) } : {}),
          ...(context.body !== undefined ? { data: context.body } : {}),
        };
        scope.addEventProcessor((event) => ({
          ...event,
          request: { ...event.request, ...request },
        }));
      }
      return Sentry.captureException(error, {
        mechanism: { type: 'quorum.report_error', handled: false },
      });
    });
  } catch {
    return undefined;
  }
}
