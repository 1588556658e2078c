import { DataSource } from 'typeorm';

import { FrontDoor } from '@app/core';

import { createTestApp, json, TestApp } from './support/test-app';
import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';

describe('health (e2e)', () => {
  describe('without Redis configured', () => {
    let t: TestApp;
    let opened: jest.SpyInstance;
    beforeAll(async () => {
      opened = jest.spyOn(FrontDoor.prototype, 'open');
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

    it('liveness through Fastify (inject, as HEAD, queries and CORS requests come) keeps every header; a 200 is counted, not logged', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-request-id': 'liveness-route-0001' },
      });
      const body = json<{ payload: { uptime_s: number } }>(res);
      expect(body).toEqual({
        payload: { status: 'ok', uptime_s: body.payload.uptime_s },
        message: 'Success',
        is_error: false,
      });
      expect(body.payload.uptime_s).toBeGreaterThan(0);
      expect(res.headers).toMatchObject({
        'x-request-id': 'liveness-route-0001',
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'content-type': 'application/json; charset=utf-8',
      });
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      // Probes arrive every few seconds per instance: no log line for a successful one (decision
      // 035), but the metrics count it.
      expect(t.logs.lines().filter((l) => l.request_id === 'liveness-route-0001')).toEqual([]);
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status_code="200"\} [1-9]/,
      );
      const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/health' });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
    });

    it('liveness at the front door answers as the route behind it does, counted and not logged', async () => {
      // The app's server is a front door, and the app opened it (what the responder does is pinned
      // by liveness-front-door.spec.ts); without it, both requests below would reach Fastify.
      expect(opened).toHaveBeenCalledTimes(1);
      expect(opened.mock.contexts[0]).toBe(FrontDoor.of(t.app.getHttpServer()));
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = await t.app.getUrl();
      const count = async () =>
        Number(
          /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status_code="200"\} (\d+)/.exec(
            (await t.app.inject({ method: 'GET', url: '/metrics' })).body,
          )?.[1] ?? 0,
        );
      const before = await count();
      const atDoor = await fetch(`${base}/api/v1/health`, {
        headers: { 'x-request-id': 'front-door-0001' },
      });
      // A query string is not the front door's: Fastify and the controller answer it.
      const viaRoute = await fetch(`${base}/api/v1/health?via=route`, {
        headers: { 'x-request-id': 'front-door-0002' },
      });
      expect(await count()).toBe(before + 2);
      expect([atDoor.status, viaRoute.status]).toEqual([200, 200]);
      const [doorBody, routeBody] = [await atDoor.json(), await viaRoute.json()] as {
        payload: { uptime_s: number };
      }[];
      expect(doorBody).toEqual({
        ...routeBody,
        payload: { ...routeBody.payload, uptime_s: doorBody.payload.uptime_s },
      });
      expect(atDoor.headers.get('x-request-id')).toBe('front-door-0001');
      // Every header the route sends, with the same values, and no other; only the request id, the
      // length (uptime has one or more decimals) and the date may differ.
      const varying = new Set(['x-request-id', 'content-length', 'date']);
      const fixed = (headers: Headers) =>
        Object.fromEntries([...headers.entries()].filter(([name]) => !varying.has(name)));
      expect(fixed(atDoor.headers)).toEqual(fixed(viaRoute.headers));
      expect(fixed(atDoor.headers)['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(t.logs.lines().filter((l) => String(l.request_id).startsWith('front-door-'))).toEqual(
        [],
      );
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
