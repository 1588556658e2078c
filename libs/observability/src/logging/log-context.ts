import { RequestContext } from '@app/core';

/** The correlation fields of a log line, named as in the request log. */
export interface LogContext {
  request_id?: string;
  user_id?: string;
}

/**
 * `{ request_id, user_id }` of the request (or job) being served, for log lines written outside
 * the HTTP logger: outbound HTTP calls, mail, queue producers. Spread it into the log object:
 * `logger.log({ ...logContext(), to_domain }, 'mail sent')`. Empty outside any context.
 */
export function logContext(): LogContext {
  const store = RequestContext.current();
  if (!store) return {};
  return store.userId
    ? { request_id: store.requestId, user_id: store.userId }
    : { request_id: store.requestId };
}
