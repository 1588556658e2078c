import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RequestContext } from '@app/core';
import { LogContext, logContext, MetricsService } from '@app/observability';

import { HealthService } from '../apps/api/src/modules/health/health.service';
import { find, parsePrometheusText, Sample, value } from './support/prometheus';
import { spawnApi, SpawnedApi } from './support/spawn-api';
import { createTestApp, TestApp } from './support/test-app';

type Line = Record<string, unknown>;

/** The one line pino-http writes when a request finishes. */
function requestLine(t: TestApp, requestId: string): Line | undefined {
  return t.logs.lines().find((l) => l.request_id === requestId && 'res' in l);
}

const DURATION = 'http_request_duration_seconds';

describe('audit-ready logs and correlation (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // Stands in for the auth guard: it sets the user's id on the raw request and in the context.
    // (Liveness is answered before preHandler, so these tests probe /health/detailed.)
    t.app
      .getHttpAdapter()
      .getInstance()
      .addHook('preHandler', (request, _reply, done) => {
        const id = request.headers['x-test-user-id'];
        if (typeof id === 'string') {
          (request.raw as { userId?: string }).userId = id;
          RequestContext.setUserId(id);
        }
        done();
      });
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with time, level, msg, request_id, user_id, route, duration_ms', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/health/detailed?probe=1',
      headers: { 'x-request-id': 'log-fields-0001', 'x-test-user-id': '4242' },
    });
    const line = requestLine(t, 'log-fields-0001');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'GET /api/v1/health/detailed 200',
      request_id: 'log-fields-0001',
      user_id: '4242',
      route: '/api/v1/health/detailed',
      req: { method: 'GET', url: '/api/v1/health/detailed' },
      res: { status: 200 },
    });
    expect(new Date(line?.time as string).toISOString()).toBe(line?.time);
    expect(typeof line?.duration_ms).toBe('number');
  });

  it('binds each field once (no repeated keys in the raw line)', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/health/detailed',
      headers: { 'x-request-id': 'log-fields-0002', 'x-test-user-id': '4242' },
    });
    const raw = t.logs
      .text()
      .split('\n')
      .find((l) => l.includes('"log-fields-0002"') && l.includes('"res"'));
    expect(raw).toBeDefined();
    for (const key of ['route', 'user_id', 'request_id', 'duration_ms', 'time', 'level', 'msg']) {
      expect(raw?.split(`"${key}":`).length).toBe(2);
    }
  });

  it('leaves user_id out when nobody is signed in', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/health/detailed',
      headers: { 'x-request-id': 'log-fields-0003' },
    });
    const line = requestLine(t, 'log-fields-0003');
    expect(line).toBeDefined();
    expect(line).not.toHaveProperty('user_id');
  });

  it('gives code outside the HTTP logger (mail, outbound HTTP, jobs) the same ids via logContext()', async () => {
    const health = t.app.get(HealthService);
    const detailed = health.detailed.bind(health);
    let seen: LogContext | undefined;
    health.detailed = () => {
      seen = logContext();
      return detailed();
    };
    try {
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/health/detailed',
        headers: { 'x-request-id': 'log-context-0001', 'x-test-user-id': '99' },
      });
    } finally {
      health.detailed = detailed;
    }
    expect(seen).toEqual({ request_id: 'log-context-0001', user_id: '99' });
    expect(logContext()).toEqual({});
  });

  it('does not log Prometheus scrapes', async () => {
    t.logs.clear();
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-request-id': 'scrape-0000001' },
    });
    expect(res.statusCode).toBe(200);
    expect(t.logs.lines().filter((l) => l.request_id === 'scrape-0000001')).toHaveLength(0);
  });

  it('names an unmatched request by its path in the message (its route label stays empty)', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing?q=1',
      headers: { 'x-request-id': 'log-unmatched-01' },
    });
    const line = requestLine(t, 'log-unmatched-01');
    expect(line).toMatchObject({ level: 'warn', msg: 'GET /api/v1/no-such-thing 404' });
    expect(line).not.toHaveProperty('route');
  });

  it('keeps the health checks cheap: liveness runs no SQL, the detailed check one SELECT', async () => {
    const metrics = t.app.get(MetricsService);
    const hit = async (url: string, n: number) => {
      metrics.registry.resetMetrics();
      for (let i = 0; i < n; i++) {
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
      return parsePrometheusText(await metrics.render());
    };
    const statements = (samples: Sample[]) =>
      find(samples, 'db_query_duration_seconds_count').reduce((sum, s) => sum + s.value, 0);
    const withinBudget = (samples: Sample[], route: string, le: string) =>
      value(samples, `${DURATION}_bucket`, { route, le }) /
      value(samples, `${DURATION}_count`, { route });

    const live = await hit('/api/v1/health', 100);
    expect(statements(live)).toBe(0);
    const detailed = await hit('/api/v1/health/detailed', 100);
    expect(value(detailed, 'db_query_duration_seconds_count', { operation: 'select' })).toBe(100);
    expect(statements(detailed)).toBe(100);
    // The budgets of issue 6 (p99: liveness 10 ms, detailed 100 ms) are measured by `npm run bench`
    // and watched by the QuorumHealthCheckSlow alert. A timed test on shared CI cores can only
    // check the median, read off the same histogram (p99 is 1-5 ms here on a quiet machine).
    expect(withinBudget(live, '/api/v1/health', '0.01')).toBeGreaterThanOrEqual(0.5);
    expect(withinBudget(detailed, '/api/v1/health/detailed', '0.1')).toBeGreaterThanOrEqual(0.5);
  });
});

describe('the process with production settings (e2e, real listener)', () => {
  let api: SpawnedApi;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-obs-'));
    api = await spawnApi(
      {
        NODE_ENV: 'production',
        LOG_FORMAT: '', // production default: JSON
        DB_SQLITE_PATH: join(dir, 'quorum.sqlite'),
        CURSOR_SECRET: 'observability-e2e-cursor-secret-0123456789',
        JWT_SECRET: 'observability-e2e-jwt-secret-0123456789abcdef',
        METRICS_TOKEN: 'observability-e2e-metrics-token',
        SWAGGER_ENABLED: 'false',
      },
      60_000,
    );
  }, 70_000);
  afterAll(async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs JSON lines and serves /metrics with the token over real HTTP', async () => {
    const base = `http://127.0.0.1:${api.port}`;
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer observability-e2e-metrics-token' },
    });
    expect(res.status).toBe(200);
    const samples = parsePrometheusText(await res.text());
    expect(
      value(samples, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/health',
        status_code: '200',
      }),
    ).toBe(1);

    // Successful liveness probes are not logged (decision 035): a request that is.
    const detailed = await fetch(`${base}/api/v1/health/detailed`, {
      headers: { 'x-request-id': 'real-listener-0001' },
    });
    expect(detailed.status).toBe(200);
    // stdout is written in batches, at least every 250 ms.
    let lines: string[] = [];
    let line: Line | undefined;
    for (let waited = 0; !line && waited < 3000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      lines = api
        .output()
        .split('\n')
        .filter((l) => l.trim().length > 0);
      line = lines
        .map((l) => JSON.parse(l) as Line)
        .find((l) => l.request_id === 'real-listener-0001');
    }
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    expect(line).toMatchObject({
      level: 'info',
      route: '/api/v1/health/detailed',
      res: { status: 200 },
    });
    expect(typeof line?.duration_ms).toBe('number');
  });
});
