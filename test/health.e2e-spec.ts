import { DataSource } from 'typeorm';

import { createTestApp, json, TestApp } from './support/test-app';
import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';

describe('health (e2e)', () => {
  describe('without Redis configured', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('liveness answers 200 in the envelope', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({
        payload: { status: 'ok' },
        message: 'Success',
        is_error: false,
      });
    });

    it('liveness, answered in a Fastify hook, keeps every header and HEAD; a 200 is counted, not logged', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-request-id': 'liveness-hook-0001' },
      });
      const body = json<{ payload: { uptime_s: number } }>(res);
      expect(body).toEqual({
        payload: { status: 'ok', uptime_s: body.payload.uptime_s },
        message: 'Success',
        is_error: false,
      });
      expect(body.payload.uptime_s).toBeGreaterThan(0);
      expect(res.headers).toMatchObject({
        'x-request-id': 'liveness-hook-0001',
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'content-type': 'application/json; charset=utf-8',
      });
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      // Probes arrive every few seconds per instance: no log line for a successful one (decision
      // 035), but the metrics count it.
      expect(t.logs.lines().filter((l) => l.request_id === 'liveness-hook-0001')).toEqual([]);
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status_code="200"\} [1-9]/,
      );
      const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/health' });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
    });

    it('detailed reports the database and memory as up', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
      expect(res.statusCode).toBe(200);
      const body = json<{ payload: { details: Record<string, { status: string }> } }>(res);
      expect(body.payload.details.database.status).toBe('up');
      expect(body.payload.details.memory_heap.status).toBe('up');
      expect(body.payload.details.redis).toBeUndefined();
    });

    it('detailed answers 503 in the envelope once the database is closed, liveness stays 200', async () => {
      await t.app.get(DataSource).destroy();
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      const body = json<{
        payload: { error_code: string; details: Record<string, { status: string }> };
        is_error: boolean;
      }>(res);
      expect(body.is_error).toBe(true);
      expect(body.payload.error_code).toBe('SERVICE_UNAVAILABLE');
      expect(body.payload.details.database.status).toBe('down');
      const live = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(live.statusCode).toBe(200);
      // Reopen so the app can shut down cleanly.
      await t.app.get(DataSource).initialize();
    });
  });

  describe('with Redis configured', () => {
    let t: TestApp;
    beforeAll(async () => {
      await assertRedisAvailable();
      t = await createTestApp({ REDIS_URL: TEST_REDIS_URL });
    });
    afterAll(() => t?.close());

    it('includes Redis in the detailed check', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
      expect(res.statusCode).toBe(200);
      expect(
        json<{ payload: { details: Record<string, { status: string }> } }>(res).payload.details
          .redis.status,
      ).toBe('up');
    });
  });

  describe('with Redis unreachable', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6390/0' });
    });
    afterAll(() => t.close());

    it('reports Redis down with 503 while liveness stays 200', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
      expect(res.statusCode).toBe(503);
      expect(
        json<{ payload: { details: Record<string, { status: string }> } }>(res).payload.details
          .redis.status,
      ).toBe('down');
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    });
  });
});
