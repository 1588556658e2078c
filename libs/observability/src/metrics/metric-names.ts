export { prometheusContentType as METRICS_CONTENT_TYPE } from 'prom-client';

/** Every series this application exports besides prom-client's default process/Node metrics. */
export const METRIC = {
  /** Histogram; its `_count` is the request counter (no separate counter on the hot path). */
  httpRequestDuration: 'http_request_duration_seconds',
  dbQueryDuration: 'db_query_duration_seconds',
  dbPoolConnections: 'db_pool_connections',
  dbPoolMaxConnections: 'db_pool_max_connections',
  dbUp: 'db_up',
  cacheRequests: 'cache_requests_total',
  queueJobs: 'queue_jobs',
  queueJobDuration: 'queue_job_duration_seconds',
} as const;

/** The route label of requests no route matched (404s for any path collapse into this one). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Seconds. Dense around the budgets of issue 8 (p99 5 ms cached, 20 ms lists, 100 ms health). */
export const HTTP_DURATION_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Seconds. TypeORM measures with Date.now(), so the first bucket reads "about a millisecond or less". */
export const DB_DURATION_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Seconds; jobs (mail, reports) run for longer than requests. */
export const JOB_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export type CacheResult = 'hit' | 'miss';
export type JobStatus = 'completed' | 'failed';
export type QueueState = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed' | 'paused';
export type DbOutcome = 'ok' | 'error';
