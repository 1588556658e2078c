/**
 * What is known about the request an unexpected error happened in. Field names follow the log
 * lines (snake_case) so one request reads the same in logs and in the error tracker.
 */
export interface ErrorReportContext {
  request_id?: string;
  /** The authenticated user's id only (never an email or name). */
  user_id?: string;
  /** Route template, e.g. `/api/v1/tags/:id` (never the raw URL with ids in it). */
  route?: string;
  method?: string;
  /** Path and query as received; reporters scrub secrets from it. */
  url?: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  /** Low-cardinality labels to search by (queue name, job name…). */
  tags?: Record<string, string>;
  /** Anything else worth seeing next to the stack (job id, attempt…); scrubbed like the body. */
  extra?: Record<string, unknown>;
}

/**
 * Sends an unexpected error somewhere people will see it (Sentry, …). Registered under
 * ERROR_REPORTERS so the core filter needs no knowledge of any vendor SDK. `report` must never
 * throw and never wait: the response is on its way.
 */
export interface ErrorReporter {
  report(error: unknown, context: ErrorReportContext): void;
}

export const ERROR_REPORTERS = Symbol('ERROR_REPORTERS');
