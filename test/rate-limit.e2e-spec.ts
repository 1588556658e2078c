import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { authHeaders } from './support/auth';
import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';
import { spawnApi, SpawnedApi } from './support/spawn-api';
import { createTestApp, json, TestApp } from './support/test-app';

/** A public route that needs no valid input to be counted: refreshing with a bogus token. */
const anonymous = (t: TestApp, ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    payload: { refresh_token: 'not-a-real-refresh-token-0000000000000000' },
    remoteAddress: ip,
    headers,
  });

const limitHeaders = (res: { headers: Record<string, unknown> }) => ({
  limit: res.headers['x-ratelimit-limit'],
  remaining: res.headers['x-ratelimit-remaining'],
  reset: res.headers['x-ratelimit-reset'],
});

describe('rate limiting (e2e, in-process counters)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_USER_LIMIT: '5',
      RATE_LIMIT_ANON_LIMIT: '3',
      RATE_LIMIT_AUTH_LIMIT: '2',
      RATE_LIMIT_WINDOW_S: '60',
    });
  });
  afterAll(() => t?.close());

  it('counts anonymous calls per IP with X-RateLimit-* headers, then answers 429 with Retry-After in the envelope', async () => {
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(limitHeaders(await anonymous(t, '10.1.0.1')));
    expect(seen.map((h) => h.remaining)).toEqual(['2', '1', '0']);
    expect(seen[0].limit).toBe('3');
    expect(Number(seen[0].reset)).toBeGreaterThan(0);
    expect(Number(seen[0].reset)).toBeLessThanOrEqual(60);

    const refused = await anonymous(t, '10.1.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    const body = json<{ is_error: boolean; payload: { error_code: string; request_id: string } }>(
      refused,
    );
    expect(body.is_error).toBe(true);
    expect(body.payload.error_code).toBe('RATE_LIMITED');
    expect(body.payload.request_id).toBeTruthy();

    // Another address has its own budget.
    expect((await anonymous(t, '10.1.0.2')).statusCode).not.toBe(429);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is on', async () => {
    for (let i = 0; i < 3; i++) {
      await anonymous(t, '10.1.0.3', { 'x-forwarded-for': `192.0.2.${i + 1}` });
    }
    const refused = await anonymous(t, '10.1.0.3', { 'x-forwarded-for': '192.0.2.99' });
    expect(refused.statusCode).toBe(429);
  });

  it('limits the credential routes more strictly', async () => {
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.com', password: 'wrong-password-123' },
        remoteAddress: '10.1.0.4',
      });
    const first = await login();
    expect(first.headers['x-ratelimit-limit']).toBe('2');
    await login();
    const third = await login();
    expect(third.statusCode).toBe(429);
    expect(json<{ payload: { details: { scope: string } } }>(third).payload.details.scope).toBe(
      'auth',
    );
  });

  it('counts a signed-in user by user id: another user behind the same IP keeps a full budget', async () => {
    const author = await authHeaders(t, 'author');
    const admin = await authHeaders(t, 'admin');
    const as = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/workflows/1',
        headers,
        remoteAddress: '10.1.0.9',
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await as(author)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const other = await as(admin);
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-limit']).toBe('5');
    expect(other.headers['x-ratelimit-remaining']).toBe('4');
  });

  it('never limits health probes (routes marked @SkipRateLimit)', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        remoteAddress: '10.1.0.5',
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('rate limiting (e2e) behind a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_ANON_LIMIT: '2',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => t?.close());

  it('counts the client address from X-Forwarded-For', async () => {
    const from = (client: string) =>
      anonymous(t, '10.2.0.1', { 'x-forwarded-for': `${client}, 10.2.0.1` });
    await from('198.51.100.1');
    await from('198.51.100.1');
    expect((await from('198.51.100.1')).statusCode).toBe(429);
    expect((await from('198.51.100.2')).statusCode).not.toBe(429);
  });
});

describe('rate limiting (e2e) shared by two API processes on one Redis', () => {
  const prefix = `e2e-rl-${randomUUID().slice(0, 8)}`;
  const dirs: string[] = [];
  const apis: SpawnedApi[] = [];

  beforeAll(async () => {
    await assertRedisAvailable();
    const start = () => {
      const dir = mkdtempSync(join(tmpdir(), 'quorum-rl-'));
      dirs.push(dir);
      return spawnApi(
        {
          DB_SQLITE_PATH: join(dir, 'quorum.sqlite'),
          DB_SEED_ON_START: 'false',
          REDIS_URL: TEST_REDIS_URL,
          REDIS_KEY_PREFIX: prefix,
          RUN_WORKERS: 'false',
          SWAGGER_ENABLED: 'false',
          RATE_LIMIT_ENABLED: 'true',
          RATE_LIMIT_ANON_LIMIT: '4',
        },
        60_000,
      );
    };
    apis.push(...(await Promise.all([start(), start()])));
  }, 90_000);

  afterAll(async () => {
    for (const api of apis) {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses the fifth anonymous call whichever process answers it', async () => {
    const call = (api: SpawnedApi) =>
      fetch(`http://127.0.0.1:${api.port}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: 'not-a-real-refresh-token-0000000000000000' }),
      });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(apis[i % 2]);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    const [a, b] = await Promise.all([call(apis[0]), call(apis[1])]);
    expect(a.status).toBe(429);
    expect(b.status).toBe(429);
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
