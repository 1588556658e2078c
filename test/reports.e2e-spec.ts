import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import Redis from 'ioredis';

import { authHeaders } from './support/auth';
import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';
import { spawnWorker, SpawnedWorker } from './support/spawn-worker';
import { createTestApp, json, TestApp } from './support/test-app';
import { createSignedInUser } from './support/users';

interface Report {
  id: string;
  status: string;
  progress: number;
  row_count: number | null;
  error: string | null;
  attempts: number;
  download_url: string | null;
  filters: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  t: TestApp,
  id: string,
  headers: Record<string, string>,
  done: (r: Report) => boolean,
  timeoutMs = 20_000,
): Promise<Report> {
  const started = Date.now();
  for (;;) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers });
    const report = json<{ payload: Report }>(res).payload;
    if (done(report)) return report;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`report ${id} still ${JSON.stringify(report)} after ${timeoutMs} ms`);
    }
    await sleep(100);
  }
}

async function clearPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

describe('reports (e2e, Redis, jobs run in the API process)', () => {
  const prefix = `e2e-rep-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let admin: Record<string, string>;
  let author: Record<string, string>;

  beforeAll(async () => {
    await assertRedisAvailable();
    t = await createTestApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKERS: 'true',
      REPORTS_BATCH_SIZE: '2',
    });
    t.config.REPORTS_DIR = join(t.dir, 'reports');
    admin = await authHeaders(t, 'admin');
    author = await authHeaders(t, 'author');
  });
  afterAll(async () => {
    await t?.close();
    await clearPrefix(prefix);
  });

  it('queues a report, runs it, and streams a quoted CSV with a BOM', async () => {
    const title = `=SUM(A1) "quoted", and more ${randomUUID().slice(0, 6)}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: author,
      payload: { workflow_id: '1', title, body: 'Line one\nline two' },
    });
    expect(created.statusCode).toBe(201);

    const requestId = `report-e2e-${randomUUID()}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...author, 'x-request-id': requestId },
      payload: { workflow_id: '1', sort: 'id' },
    });
    expect(res.statusCode).toBe(201);
    const queued = json<{ payload: Report; message: string }>(res);
    expect(queued.message).toBe('Report queued');
    expect(queued.payload).toMatchObject({ status: 'queued', progress: 0, download_url: null });
    expect(queued.payload.filters).toEqual({ workflow_id: '1', sort: 'id' });

    const done = await waitFor(t, queued.payload.id, author, (r) => r.status === 'completed');
    expect(done.progress).toBe(100);
    expect(done.row_count).toBeGreaterThan(0);
    expect(done.download_url).toBe(`/api/v1/reports/${done.id}/download`);

    const file = await t.app.inject({
      method: 'GET',
      url: done.download_url as string,
      headers: author,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="report-${done.id}.csv"`,
    );
    const bytes = file.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n').filter((l) => l.length > 0);
    expect(lines[0]).toMatch(/^id,title,status,workflow_id,author_id,tags,/);
    expect(lines).toHaveLength((done.row_count as number) + 1);
    expect(text).toContain(`"'${title.replace(/"/g, '""')}"`);

    // The request id of the POST travels with the job into its log lines.
    const jobLines = t.logs
      .lines()
      .filter((l) => l.request_id === requestId && typeof l.msg === 'string');
    expect(jobLines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['Report queued', 'Report started', 'Report completed']),
    );
  });

  it('shows a report to its owner and to admins only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: author,
      payload: {},
    });
    const id = json<{ payload: Report }>(res).payload.id;
    const stranger = await createSignedInUser(t, 'author', 'stranger');
    const url = `/api/v1/reports/${id}`;
    expect((await t.app.inject({ method: 'GET', url, headers: stranger.headers })).statusCode).toBe(
      404,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: `${url}/download`, headers: stranger.headers }))
        .statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url, headers: admin })).statusCode).toBe(200);
  });

  it('refuses filters the review-request list would refuse', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: author,
      payload: { status: 'nonsense' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('reports the queue in the detailed health check', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/detailed' });
    expect(res.statusCode).toBe(200);
    const details = json<{ payload: { details: Record<string, Record<string, unknown>> } }>(res)
      .payload.details;
    expect(details.queues.status).toBe('up');
    expect(details.queues.reports).toEqual(
      expect.objectContaining({
        waiting: expect.any(Number),
        active: expect.any(Number),
        failed: expect.any(Number),
      }),
    );
  });
});

describe('reports (e2e) whose job keeps failing', () => {
  const prefix = `e2e-repf-${randomUUID().slice(0, 8)}`;
  let t: TestApp;

  beforeAll(async () => {
    await assertRedisAvailable();
    t = await createTestApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKERS: 'true',
      QUEUE_ATTEMPTS: '2',
      QUEUE_BACKOFF_MS: '50',
    });
    // A file where the reports folder should be: every attempt fails to write.
    const blocker = join(t.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    t.config.REPORTS_DIR = join(blocker, 'reports');
  });
  afterAll(async () => {
    await t?.close();
    await clearPrefix(prefix);
  });

  it('retries with backoff, then shows failed with the reason, no server path', async () => {
    const author = await authHeaders(t, 'author');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: author,
      payload: {},
    });
    const id = json<{ payload: Report }>(res).payload.id;
    const failed = await waitFor(t, id, author, (r) => r.status === 'failed');
    expect(failed.attempts).toBe(2);
    expect(failed.error).toBe('The report file could not be written (ENOTDIR)');
    expect(failed.download_url).toBeNull();
  });
});

describe('reports (e2e) with a separate worker process', () => {
  const prefix = `e2e-repw-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let admin: Record<string, string>;
  const workers: SpawnedWorker[] = [];

  beforeAll(async () => {
    await assertRedisAvailable();
    t = await createTestApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKERS: 'false',
    });
    t.config.REPORTS_DIR = join(t.dir, 'reports');
    admin = await authHeaders(t, 'admin');
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await w.exited;
    }
    await t?.close();
    await clearPrefix(prefix);
  });

  it('answers 409 to a download before the report is completed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: admin,
      payload: {},
    });
    const id = json<{ payload: Report }>(res).payload.id;
    const early = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/download`,
      headers: admin,
    });
    expect(early.statusCode).toBe(409);
    expect(json<{ payload: { error_code: string } }>(early).payload.error_code).toBe(
      'REPORT_NOT_READY',
    );
  });

  it('runs again, to completion, a job whose worker was killed mid-job (stalled-job recovery)', async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DB_SQLITE_PATH: join(t.dir, 'quorum.sqlite'),
      REPORTS_DIR: join(t.dir, 'reports'),
      REPORTS_BATCH_SIZE: '1',
      REPORTS_BATCH_PAUSE_MS: '250',
      QUEUE_LOCK_DURATION_MS: '1000',
      QUEUE_STALLED_INTERVAL_MS: '500',
    };
    workers.push(...(await Promise.all([spawnWorker(env), spawnWorker(env)])));
    // The report queued by the previous test is picked up first; ask for ours and find its worker.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: admin,
      payload: {},
    });
    const id = json<{ payload: Report }>(res).payload.id;
    await waitFor(t, id, admin, (r) => r.status === 'active' && r.progress > 0);
    // The worker that took it says so in its log (stdout may lag behind the database a little).
    const marker = `"report_id":"${id}","attempt":1,"msg":"Report started"`;
    let busy: SpawnedWorker | undefined;
    for (let i = 0; i < 100 && !busy; i++) {
      busy = workers.find((w) => w.output().includes(marker));
      if (!busy) await sleep(50);
    }
    expect(busy).toBeDefined();
    busy?.child.kill('SIGKILL');
    await busy?.exited;

    const done = await waitFor(t, id, admin, (r) => r.status === 'completed', 30_000);
    expect(done.attempts).toBe(2);
    expect(done.row_count).toBeGreaterThan(0);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/download`,
      headers: admin,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(
      (done.row_count as number) + 1,
    );
  }, 90_000);

  it('lets a worker told to stop (SIGTERM) finish the job it is running, then exit', async () => {
    const worker = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(worker).toBeDefined();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: admin,
      payload: {},
    });
    const id = json<{ payload: Report }>(res).payload.id;
    await waitFor(t, id, admin, (r) => r.status === 'active' && r.progress > 0);
    worker?.child.kill('SIGTERM');
    expect(await worker?.exited).toBe(0);
    const report = json<{ payload: Report }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: admin }),
    ).payload;
    expect(report).toMatchObject({ status: 'completed', progress: 100, attempts: 1 });
  }, 60_000);
});

describe('reports (e2e) without REDIS_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers 503 naming REDIS_URL', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: await authHeaders(t, 'author'),
      payload: {},
    });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('REDIS_URL');
    expect(json<{ payload: { error_code: string } }>(res).payload.error_code).toBe(
      'QUEUE_UNAVAILABLE',
    );
  });
});

describe('reports (e2e) while Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the queue cannot take the job.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0', RUN_WORKERS: 'false' });
  });
  afterAll(() => t?.close());

  it('answers 503 with Retry-After', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: await authHeaders(t, 'author'),
      payload: {},
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(json<{ payload: { error_code: string } }>(res).payload.error_code).toBe(
      'QUEUE_UNAVAILABLE',
    );
  });
});
