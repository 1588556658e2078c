import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Metric, Registry } from 'prom-client';

import {
  CacheResult,
  DB_DURATION_BUCKETS,
  DbOutcome,
  HTTP_DURATION_BUCKETS,
  JOB_DURATION_BUCKETS,
  JobStatus,
  METRIC,
  QueueState,
  UNMATCHED_ROUTE,
} from './metric-names';
import { CounterSeries, HotCounter } from './hot-counter';
import { HistogramSeries, HotHistogram } from './hot-histogram';
import type { SqlOperation } from './sql-operation';

/**
 * The process's Prometheus registry and the one API other modules record through:
 * `cacheHit/cacheMiss(kind)`, `observeJob(queue, name, seconds, status)`,
 * `setQueueDepth(queue, state, n)`. HTTP and database timings are recorded by hooks of this
 * library (see HttpMetricsHook, DatabaseMetrics); nobody calls those by hand.
 *
 * Hot path: the series of each label set is looked up once and kept in nested Maps keyed by the
 * (interned) label values, so a request costs a few Map lookups and a HotHistogram observe (a
 * bucket search, three additions); no label objects are built per call and nothing is awaited.
 *
 * Each instance has its own Registry (not prom-client's global one), so two applications in one
 * process (the e2e tests) never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpDuration: HotHistogram;
  private readonly dbDuration: HotHistogram;
  private readonly cacheRequests: HotCounter;
  private readonly queueJobs: Gauge<string>;
  private readonly jobDuration: Histogram<string>;

  private readonly httpChildren = new Map<string, Map<string, Map<number, HistogramSeries>>>();
  private readonly dbChildren = new Map<string, HistogramSeries>();
  private readonly cacheChildren: Record<CacheResult, Map<string, CounterSeries>> = {
    hit: new Map(),
    miss: new Map(),
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    // Recorded on every request and every SQL statement (and cache lookups below): the Hot*
    // metrics, exposed exactly like prom-client's.
    this.httpDuration = new HotHistogram(
      METRIC.httpRequestDuration,
      'HTTP requests by method, route template and status; _count is the request count',
      ['method', 'route', 'status_code'],
      HTTP_DURATION_BUCKETS,
    );
    this.dbDuration = new HotHistogram(
      METRIC.dbQueryDuration,
      'SQL statements by kind (select, insert, update, delete, transaction, other) and outcome',
      ['operation', 'outcome'],
      DB_DURATION_BUCKETS,
    );
    this.registry.registerMetric(this.httpDuration as unknown as Metric);
    this.registry.registerMetric(this.dbDuration as unknown as Metric);
    this.cacheRequests = new HotCounter(
      METRIC.cacheRequests,
      'Cache lookups by kind of cached thing and result (hit or miss)',
      ['kind', 'result'],
    );
    this.registry.registerMetric(this.cacheRequests as unknown as Metric);
    this.queueJobs = new Gauge({
      name: METRIC.queueJobs,
      help: 'Jobs per queue and state (waiting, active, delayed, failed…), as last reported',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: METRIC.queueJobDuration,
      help: 'Time a job took to run, by queue, job name and status (completed or failed)',
      labelNames: ['queue', 'name', 'status'],
      buckets: JOB_DURATION_BUCKETS,
      registers,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text (async: collectors such as db_up may query). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** One finished HTTP request. `route` is the route template; undefined when nothing matched. */
  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    const routeLabel = route ?? UNMATCHED_ROUTE;
    let byRoute = this.httpChildren.get(method);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.httpChildren.set(method, byRoute);
    }
    let byStatus = byRoute.get(routeLabel);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(routeLabel, byStatus);
    }
    let child = byStatus.get(status);
    if (child === undefined) {
      child = this.httpDuration.labels(method, routeLabel, String(status));
      byStatus.set(status, child);
    }
    child.observe(seconds);
  }

  observeDbQuery(operation: SqlOperation, outcome: DbOutcome, seconds: number): void {
    const key = outcome === 'ok' ? operation : `${operation}:error`;
    let child = this.dbChildren.get(key);
    if (child === undefined) {
      child = this.dbDuration.labels(operation, outcome);
      this.dbChildren.set(key, child);
    }
    child.observe(seconds);
  }

  /** A cache lookup found the value. `kind` names what is cached (e.g. `workflow`), never a key. */
  cacheHit(kind: string): void {
    this.cacheChild('hit', kind).inc();
  }

  /** A cache lookup did not find the value. */
  cacheMiss(kind: string): void {
    this.cacheChild('miss', kind).inc();
  }

  /** A job finished: how long it ran and whether it completed or failed. */
  observeJob(queue: string, name: string, seconds: number, status: JobStatus): void {
    this.jobDuration.labels(queue, name, status).observe(seconds);
  }

  /** The number of jobs in one state of a queue (call it from a periodic poll of the queue). */
  setQueueDepth(queue: string, state: QueueState, n: number): void {
    this.queueJobs.labels(queue, state).set(n);
  }

  private cacheChild(result: CacheResult, kind: string): CounterSeries {
    const children = this.cacheChildren[result];
    let child = children.get(kind);
    if (child === undefined) {
      child = this.cacheRequests.labels(kind, result);
      children.set(kind, child);
    }
    return child;
  }
}
