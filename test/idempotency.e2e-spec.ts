import { authHeaders } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';
import { createSignedInUser, TestUser } from './support/users';

interface Env<T> {
  payload: T;
  message: string;
  is_error: boolean;
}

describe('Idempotency-Key on product POSTs (e2e)', () => {
  let t: TestApp;
  let author: TestUser;
  let other: TestUser;
  let workflowId: string;

  const create = (user: TestUser, key: string | undefined, title: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: { ...user.headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload: { workflow_id: workflowId, title, body: 'body' },
    });

  const countTitled = async (title: string) =>
    json<Env<{ total: number }>>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/review-requests?q=${encodeURIComponent(title)}`,
        headers: author.headers,
      }),
    ).payload.total;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await authHeaders(t, 'admin');
    [author, other] = await Promise.all([
      createSignedInUser(t, 'author', 'idem'),
      createSignedInUser(t, 'author', 'idem2'),
    ]);
    const wf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: admin,
      payload: {
        name: 'Idempotency flow',
        steps: [{ name: 'One', required_approvals: 1, reviewer_role: 'reviewer' }],
      },
    });
    workflowId = json<Env<{ id: string }>>(wf).payload.id;
  });
  afterAll(() => t.close());

  it('a repeat with the same key and body returns the first response and does the work once', async () => {
    const first = await create(author, 'key-seq-1', 'idem sequential');
    const second = await create(author, 'key-seq-1', 'idem sequential');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(json(second)).toEqual(json(first));
    expect(await countTitled('idem sequential')).toBe(1);
  });

  it('the same key with a different body → 409', async () => {
    await create(author, 'key-diff-1', 'idem body a');
    const res = await create(author, 'key-diff-1', 'idem body b');
    expect(res.statusCode).toBe(409);
    expect(json<Env<{ error_code: string }>>(res).payload.error_code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await countTitled('idem body b')).toBe(0);
  });

  it('concurrent duplicates: one creation, every caller gets the same response', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as { port: number };
    const post = () =>
      fetch(`http://127.0.0.1:${port}/api/v1/review-requests`, {
        method: 'POST',
        headers: {
          ...author.headers,
          'content-type': 'application/json',
          'idempotency-key': 'key-concurrent-1',
        },
        body: JSON.stringify({ workflow_id: workflowId, title: 'idem concurrent', body: 'body' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Env<{ id: string }> }));
    const results = await Promise.all(Array.from({ length: 6 }, post));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.payload.id)).size).toBe(1);
    expect(await countTitled('idem concurrent')).toBe(1);
  });

  it('keys are per user: another user with the same key does their own work', async () => {
    await create(author, 'key-shared', 'idem per user a');
    const res = await create(other, 'key-shared', 'idem per user a');
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a failed request releases its key so the retry runs', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: { ...author.headers, 'idempotency-key': 'key-fail-1' },
      payload: { workflow_id: '999999', title: 'idem fail', body: 'body' },
    });
    expect(bad.statusCode).toBe(400);
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: { ...author.headers, 'idempotency-key': 'key-fail-1' },
      payload: { workflow_id: '999999', title: 'idem fail', body: 'body' },
    });
    expect(retry.statusCode).toBe(400);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    const res = await create(author, 'bad key with spaces', 'idem malformed');
    expect(res.statusCode).toBe(400);
  });
});
