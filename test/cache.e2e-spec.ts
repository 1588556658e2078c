import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import Redis from 'ioredis';

import { MetricsService } from '@app/observability';

import { authHeaders } from './support/auth';
import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';
import { createTestApp, json, TestApp } from './support/test-app';
import { createSignedInUser } from './support/users';

interface Workflow {
  id: string;
  name: string;
  description: string | null;
}

const countOf = async (t: TestApp, kind: string, result: 'hit' | 'miss'): Promise<number> => {
  const text = await t.app.get(MetricsService).render();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`cache_requests_total{kind="${kind}",result="${result}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('cache (e2e, Redis)', () => {
  const prefix = `e2e-cache-${randomUUID().slice(0, 8)}`;
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    await assertRedisAvailable();
    redis = new Redis(TEST_REDIS_URL);
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, RUN_WORKERS: 'false' };
    a = await createTestApp(env);
    // A second instance on the same database and Redis, like a second API process.
    b = await createTestApp({
      ...env,
      DB_SQLITE_PATH: join(a.dir, 'quorum.sqlite'),
      DB_MIGRATIONS_RUN: 'false',
      DB_SEED_ON_START: 'false',
    });
    adminA = await authHeaders(a, 'admin');
    adminB = await authHeaders(b, 'admin');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const getWorkflow = (t: TestApp, headers: Record<string, string>, id = '1') =>
    t.app.inject({ method: 'GET', url: `/api/v1/workflows/${id}`, headers });

  it('answers a workflow from the database once, then from the cache, and counts both', async () => {
    const missesBefore = await countOf(a, 'workflow', 'miss');
    const hitsBefore = await countOf(a, 'workflow', 'hit');
    const first = await getWorkflow(a, adminA);
    const second = await getWorkflow(a, adminA);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(await countOf(a, 'workflow', 'miss')).toBe(missesBefore + 1);
    expect(await countOf(a, 'workflow', 'hit')).toBe(hitsBefore + 1);
    // Stored in Redis under the deployment's namespace, with a TTL.
    const key = `${prefix}:cache::workflow:1`;
    for (let i = 0; i < 50 && (await redis.exists(key)) === 0; i++) {
      await new Promise((r) => setTimeout(r, 10)); // the write to Redis does not delay the answer
    }
    expect(await redis.exists(key)).toBe(1);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('lets another instance read what one instance cached (shared tier)', async () => {
    const hitsBefore = await countOf(b, 'workflow', 'hit');
    const res = await getWorkflow(b, adminB);
    expect(res.statusCode).toBe(200);
    expect(await countOf(b, 'workflow', 'hit')).toBe(hitsBefore + 1);
  });

  it('drops exactly the changed workflow on every instance when it is updated', async () => {
    await getWorkflow(b, adminB, '1'); // in B's in-process tier now
    await getWorkflow(b, adminB, '2');
    const description = `Updated ${randomUUID()}`;
    const put = await a.app.inject({
      method: 'PUT',
      url: '/api/v1/workflows/1',
      headers: adminA,
      payload: { description },
    });
    expect(put.statusCode).toBe(200);
    expect(await redis.exists(`${prefix}:cache::workflow:1`)).toBe(0);
    expect(await redis.exists(`${prefix}:cache::workflow:2`)).toBe(1);
    // The invalidation travels by pub/sub; give it a moment to arrive.
    let seen: Workflow | undefined;
    for (let i = 0; i < 50; i++) {
      seen = json<{ payload: Workflow }>(await getWorkflow(b, adminB)).payload;
      if (seen.description === description) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen?.description).toBe(description);
  });

  it('compresses a large cached answer once (gzip over 1 KB), the same bytes on a hit', async () => {
    const created = await a.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: adminA,
      payload: {
        name: `big-${randomUUID().slice(0, 8)}`,
        description: 'Long enough to be compressed. '.repeat(60),
        steps: [{ name: 'Peer', required_approvals: 1, reviewer_role: 'reviewer' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = json<{ payload: Workflow }>(created).payload.id;
    const headers = { ...adminA, 'accept-encoding': 'gzip' };
    const miss = await a.app.inject({ method: 'GET', url: `/api/v1/workflows/${id}`, headers });
    const hit = await a.app.inject({ method: 'GET', url: `/api/v1/workflows/${id}`, headers });
    for (const res of [miss, hit]) {
      expect(res.headers['content-encoding']).toBe('gzip');
      const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as {
        payload: Workflow;
      };
      expect(body.payload.id).toBe(id);
    }
    expect(gunzipSync(hit.rawPayload).equals(gunzipSync(miss.rawPayload))).toBe(true);
    // Small answers stay uncompressed.
    const small = await getWorkflow(a, { ...adminA, 'accept-encoding': 'gzip' }, '2');
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('does not cache a workflow that does not exist', async () => {
    const res = await getWorkflow(a, adminA, '999999');
    expect(res.statusCode).toBe(404);
    expect(await redis.exists(`${prefix}:cache::workflow:999999`)).toBe(0);
  });

  it('invalidates a tag on update', async () => {
    const created = await a.app.inject({
      method: 'POST',
      url: '/api/v1/tags',
      headers: adminA,
      payload: { name: `cache-${randomUUID().slice(0, 6)}`, colour: '#112233' },
    });
    const tag = json<{ payload: { id: string } }>(created).payload;
    const url = `/api/v1/tags/${tag.id}`;
    await b.app.inject({ method: 'GET', url, headers: adminB });
    await a.app.inject({ method: 'PUT', url, headers: adminA, payload: { colour: '#445566' } });
    let colour = '';
    for (let i = 0; i < 50 && colour !== '#445566'; i++) {
      const res = await b.app.inject({ method: 'GET', url, headers: adminB });
      colour = json<{ payload: { colour: string } }>(res).payload.colour;
      if (colour !== '#445566') await new Promise((r) => setTimeout(r, 20));
    }
    expect(colour).toBe('#445566');
  });

  it('serves the profile from the cache and refuses a deactivated user on every instance', async () => {
    const user = await createSignedInUser(a, 'author', 'cached');
    const me = await a.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: user.headers,
    });
    expect(me.statusCode).toBe(200);
    // B has the user's auth state in its in-process tier after this request.
    expect(
      (await b.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers }))
        .statusCode,
    ).toBe(200);
    const put = await a.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me',
      headers: user.headers,
      payload: { display_name: 'Renamed in cache test' },
    });
    expect(put.statusCode).toBe(200);
    const after = await a.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: user.headers,
    });
    expect(json<{ payload: { display_name: string } }>(after).payload.display_name).toBe(
      'Renamed in cache test',
    );
    const off = await a.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${user.id}`,
      headers: adminA,
      payload: { is_active: false },
    });
    expect(off.statusCode).toBe(200);
    // Each app checks tokens against its own cache: A, which wrote, dropped the user's state on
    // commit; B learns of the change by pub/sub, i.e. within moments (the single-app test below
    // shows the writing instance refuses at once).
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.length = 0;
      for (const t of [a, b]) {
        statuses.push(
          (await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers }))
            .statusCode,
        );
      }
      if (statuses.every((s) => s === 401)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(statuses).toEqual([401, 401]);
  });

  it('never caches review-request lists (only their totals, under count keys)', async () => {
    await a.app.inject({ method: 'GET', url: '/api/v1/review-requests', headers: adminA });
    expect(await redis.keys(`${prefix}:cache::review*`)).toEqual([]);
  });

  it("clears the cache's own keys only, never the rate limiter's or the queues'", async () => {
    await getWorkflow(a, adminA);
    await redis.set(`${prefix}:rl:keep-me`, '1');
    await redis.set(`${prefix}:bull:keep-me`, '1');
    expect((await redis.keys(`${prefix}:cache::*`)).length).toBeGreaterThan(0);
    await a.app.get<Cache>(CACHE_MANAGER).clear();
    expect(await redis.keys(`${prefix}:cache::*`)).toEqual([]);
    expect(await redis.exists(`${prefix}:rl:keep-me`, `${prefix}:bull:keep-me`)).toBe(2);
  });
});

describe('cache (e2e) when Redis is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis call fails.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0', RUN_WORKERS: 'false' });
  });
  afterAll(() => t?.close());

  it('serves cached kinds from the database with a warning, never a 500', async () => {
    const headers = await authHeaders(t, 'author');
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/workflows/1', headers });
    const second = await t.app.inject({ method: 'GET', url: '/api/v1/workflows/1', headers });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(t.logs.text()).toMatch(/REDIS|Redis/);
  });

  it('keeps liveness at 200 while the detailed health check reports Redis down with 503', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(live.statusCode).toBe(200);
    const detailed = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
    expect(detailed.statusCode).toBe(503);
    expect(detailed.body).toContain('redis');
  });
});

describe('cache (e2e) without REDIS_URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('caches in process and still drops a changed workflow', async () => {
    const admin = await authHeaders(t, 'admin');
    const hitsBefore = await countOf(t, 'workflow', 'hit');
    await t.app.inject({ method: 'GET', url: '/api/v1/workflows/2', headers: admin });
    await t.app.inject({ method: 'GET', url: '/api/v1/workflows/2', headers: admin });
    expect(await countOf(t, 'workflow', 'hit')).toBe(hitsBefore + 1);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/workflows/2',
      headers: admin,
      payload: { description: 'in-process invalidation' },
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/workflows/2', headers: admin });
    expect(json<{ payload: Workflow }>(res).payload.description).toBe('in-process invalidation');
  });

  it('refuses a deactivated user on the very next request', async () => {
    const admin = await authHeaders(t, 'admin');
    const user = await createSignedInUser(t, 'reviewer', 'deactivated');
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200); // from the cache now
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${user.id}`,
      headers: admin,
      payload: { is_active: false },
    });
    expect((await me()).statusCode).toBe(401);
  });
});
