import { Reflector } from '@nestjs/core';

import { SKIP_RATE_LIMIT_KEY } from '@app/core';
import { TransactionRunner } from '@app/database';
import { MetricsService } from '@app/observability';

import { HealthService } from '../apps/api/src/modules/health/health.service';
import { MetricsController } from '../apps/api/src/modules/metrics/metrics.controller';
import { find, metricTypes, parsePrometheusText, Sample, value } from './support/prometheus';
import { createTestApp, json, TestApp } from './support/test-app';

const DURATION = 'http_request_duration_seconds';

async function scrape(t: TestApp, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
  return { res, samples: res.statusCode === 200 ? parsePrometheusText(res.body) : [] };
}

describe('GET /metrics (e2e)', () => {
  describe('after traffic', () => {
    let t: TestApp;
    let samples: Sample[];
    let text: string;

    beforeAll(async () => {
      t = await createTestApp();
      for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
      // Unknown paths: each raw URL differs, all must collapse into one route label.
      await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here/123' });
      await t.app.inject({ method: 'GET', url: '/api/v1/also-missing?x=1' });
      await t.app.inject({ method: 'POST', url: '/definitely/not/a/route' });
      // A 500 from a route that exists.
      const health = t.app.get(HealthService);
      const liveness = health.liveness.bind(health);
      health.liveness = () => {
        throw new Error('boom');
      };
      await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      health.liveness = liveness;
      // What the cache and queue code will report.
      const metrics = t.app.get(MetricsService);
      metrics.cacheHit('workflow');
      metrics.cacheHit('workflow');
      metrics.cacheMiss('workflow');
      metrics.setQueueDepth('mail', 'waiting', 5);
      metrics.setQueueDepth('mail', 'failed', 1);
      metrics.observeJob('mail', 'send-mail', 0.2, 'completed');
      metrics.observeJob('mail', 'send-mail', 1.5, 'failed');

      const res = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      text = res.body;
      samples = parsePrometheusText(text);
    });
    afterAll(() => t.close());

    it('answers Prometheus text, not the JSON envelope, and is not cached', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.startsWith('{')).toBe(false);
      expect(res.body).toMatch(/^# HELP /m);
    });

    it('lives outside the /api/v1 prefix', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/metrics' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(404);
    });

    it('counts requests in a duration histogram by method, route template and status', () => {
      expect(metricTypes(text)[DURATION]).toBe('histogram');
      const labels = { method: 'GET', route: '/api/v1/health', status_code: '200' };
      expect(value(samples, `${DURATION}_count`, labels)).toBeGreaterThanOrEqual(3);
      expect(value(samples, `${DURATION}_sum`, labels)).toBeGreaterThan(0);
      const buckets = find(samples, `${DURATION}_bucket`, labels);
      expect(buckets.map((b) => b.labels.le)).toEqual(
        expect.arrayContaining(['0.005', '0.1', '1', '+Inf']),
      );
      // Cumulative buckets end at the count.
      expect(buckets.find((b) => b.labels.le === '+Inf')?.value).toBe(
        value(samples, `${DURATION}_count`, labels),
      );
      expect(
        value(samples, `${DURATION}_count`, {
          method: 'GET',
          route: '/api/v1/health/detailed',
          status_code: '200',
        }),
      ).toBe(1);
    });

    it('labels 5xx so the error rate can be derived', () => {
      expect(
        value(samples, `${DURATION}_count`, {
          method: 'GET',
          route: '/api/v1/health',
          status_code: '500',
        }),
      ).toBe(1);
    });

    it('collapses unknown routes into one label and never uses raw URLs', () => {
      expect(
        value(samples, `${DURATION}_count`, {
          method: 'GET',
          route: 'unmatched',
          status_code: '404',
        }),
      ).toBe(2);
      expect(
        value(samples, `${DURATION}_count`, {
          method: 'POST',
          route: 'unmatched',
          status_code: '404',
        }),
      ).toBe(1);
      const routes = new Set(find(samples, `${DURATION}_count`).map((s) => s.labels.route));
      for (const route of routes) expect(route === 'unmatched' || route.startsWith('/')).toBe(true);
      expect(text).not.toMatch(/nothing-here|also-missing|definitely/);
      expect(Object.keys(find(samples, `${DURATION}_count`)[0].labels).sort()).toEqual([
        'method',
        'route',
        'status_code',
      ]);
    });

    it('times database statements by operation and outcome', () => {
      expect(metricTypes(text).db_query_duration_seconds).toBe('histogram');
      // Migrations, seeds and the health check ran statements.
      expect(
        value(samples, 'db_query_duration_seconds_count', { operation: 'select', outcome: 'ok' }),
      ).toBeGreaterThan(0);
      expect(
        value(samples, 'db_query_duration_seconds_count', { operation: 'insert', outcome: 'ok' }),
      ).toBeGreaterThan(0);
      for (const s of find(samples, 'db_query_duration_seconds_count')) {
        expect(['select', 'insert', 'update', 'delete', 'transaction', 'other']).toContain(
          s.labels.operation,
        );
      }
    });

    it('reports the SQLite pool: one connection, idle between requests, and the database up', () => {
      expect(value(samples, 'db_pool_max_connections', { pool: 'primary' })).toBe(1);
      expect(value(samples, 'db_pool_connections', { pool: 'primary', state: 'in_use' })).toBe(0);
      expect(value(samples, 'db_pool_connections', { pool: 'primary', state: 'idle' })).toBe(1);
      expect(value(samples, 'db_pool_connections', { pool: 'primary', state: 'waiting' })).toBe(0);
      expect(value(samples, 'db_up')).toBe(1);
    });

    it('shows the SQLite connection in use while a transaction is open', async () => {
      const inside = await t.app.get(TransactionRunner).run(async () => (await scrape(t)).samples);
      expect(value(inside, 'db_pool_connections', { pool: 'primary', state: 'in_use' })).toBe(1);
      expect(value(inside, 'db_pool_connections', { pool: 'primary', state: 'idle' })).toBe(0);
      const after = (await scrape(t)).samples;
      expect(value(after, 'db_pool_connections', { pool: 'primary', state: 'in_use' })).toBe(0);
    });

    it('counts cache hits and misses by kind', () => {
      expect(value(samples, 'cache_requests_total', { kind: 'workflow', result: 'hit' })).toBe(2);
      expect(value(samples, 'cache_requests_total', { kind: 'workflow', result: 'miss' })).toBe(1);
    });

    it('reports queue depth per state and job durations per status', () => {
      expect(value(samples, 'queue_jobs', { queue: 'mail', state: 'waiting' })).toBe(5);
      expect(value(samples, 'queue_jobs', { queue: 'mail', state: 'failed' })).toBe(1);
      const job = { queue: 'mail', name: 'send-mail' };
      expect(
        value(samples, 'queue_job_duration_seconds_count', { ...job, status: 'completed' }),
      ).toBe(1);
      expect(value(samples, 'queue_job_duration_seconds_sum', { ...job, status: 'failed' })).toBe(
        1.5,
      );
    });

    it('includes Node process metrics', () => {
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_active_handles_total',
      ]) {
        expect(find(samples, name).length).toBeGreaterThan(0);
      }
    });

    it('records the scrapes themselves under their own route', async () => {
      const { samples: again } = await scrape(t);
      expect(
        value(again, `${DURATION}_count`, { method: 'GET', route: '/metrics', status_code: '200' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('is marked so rate limiting skips it', () => {
      const reflector = new Reflector();
      expect(reflector.get(SKIP_RATE_LIMIT_KEY, MetricsController)).toBe(true);
      // What @nestjs/throttler's @SkipThrottle() sets for its default throttler.
      expect(reflector.get('THROTTLER:SKIPdefault', MetricsController)).toBe(true);
    });
  });

  describe('with METRICS_TOKEN set', () => {
    const token = 'scrape-token-0123456789abcdef';
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ METRICS_TOKEN: token });
    });
    afterAll(() => t.close());

    it('refuses a scrape without the bearer token (401 in the envelope)', async () => {
      const { res } = await scrape(t);
      expect(res.statusCode).toBe(401);
      expect(json(res)).toMatchObject({ is_error: true, payload: { error_code: 'UNAUTHORIZED' } });
      expect(
        (await scrape(t, { authorization: 'Bearer wrong-token-value-123' })).res.statusCode,
      ).toBe(401);
      expect((await scrape(t, { authorization: token })).res.statusCode).toBe(401);
    });

    it('answers with the right token', async () => {
      const { res, samples } = await scrape(t, { authorization: `Bearer ${token}` });
      expect(res.statusCode).toBe(200);
      expect(find(samples, 'process_resident_memory_bytes').length).toBe(1);
    });
  });
});
