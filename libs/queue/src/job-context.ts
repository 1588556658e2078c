import type { Job } from 'bull';

import { RequestContext } from '@app/core';

/** Carried in every job's data: who asked, and the HTTP request that asked. */
export interface JobContextData {
  requestId?: string;
  userId?: string;
}

/** The current request's id and user, to put into a job's data when it is enqueued. */
export function jobContextFromRequest(): JobContextData {
  const store = RequestContext.current();
  if (!store) return {};
  return store.userId
    ? { requestId: store.requestId, userId: store.userId }
    : { requestId: store.requestId };
}

/**
 * Runs a job handler inside the request context of the HTTP call that enqueued it, so its log
 * lines (`logContext()`), audit rows and error reports carry that request id and user id.
 */
export function runInJobContext<T>(
  job: Job<JobContextData>,
  handler: () => Promise<T>,
): Promise<T> {
  const requestId = job.data.requestId ?? `job-${job.queue.name}-${String(job.id)}`;
  const store = job.data.userId ? { requestId, userId: job.data.userId } : { requestId };
  return RequestContext.run(store, handler);
}
