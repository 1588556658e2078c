import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';
import { sign } from 'jsonwebtoken';

import { assertRedisAvailable, TEST_REDIS_URL } from '../test/support/redis';
import { freePort } from '../test/support/spawn-api';
import { SpawnedProcess, spawnEntry, waitForOutput } from '../test/support/spawn-process';

const SECRET = 'handwritten-spec-secret-0123456789abcdef';
const PAYLOAD = '{"id":"1","name":"Standard review","steps":[{"position":1}]}';

function token(secret = SECRET): string {
  return sign({ sub: '7', jti: randomBytes(8).toString('hex'), role: 'reviewer' }, secret, {
    issuer: 'quorum',
    audience: 'quorum-api',
    expiresIn: 600,
  });
}

/** The bench's yardstick must do the work it is compared for, or its figures mean nothing. */
describe.each(['per-request', 'same-design'])('bench/handwritten-server.js, %s', (mode) => {
  const prefix = `handwritten-spec-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let endpoint: SpawnedProcess;
  let base = '';
  /** Requests sent so far: each one writes a log line. */
  let sent = 0;

  const get = (path: string, bearer?: string): Promise<Response> => {
    sent += 1;
    return fetch(`${base}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  };

  /** Hits counted in Redis for the test's user, over every window so far. */
  const counted = async (): Promise<number> => {
    const keys = await redis.keys(`${prefix}:rl:user:7:*`);
    const values = keys.length > 0 ? await redis.mget(...keys) : [];
    return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
  };

  beforeAll(async () => {
    await assertRedisAvailable();
    redis = new Redis(TEST_REDIS_URL);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    endpoint = spawnEntry('bench/handwritten-server.js', {
      MODE: mode,
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      KEY_PREFIX: prefix,
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'quorum',
      JWT_AUDIENCE: 'quorum-api',
      PAYLOAD,
    });
    await waitForOutput(endpoint, 'listening', 'the hand-written endpoint', 10_000);
  });

  afterAll(async () => {
    if (endpoint.child.exitCode === null) endpoint.child.kill('SIGKILL');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('answers the cached workflow in the envelope, with a request id', async () => {
    const res = await get('/api/v1/workflows/1', token());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe(`{"payload":${PAYLOAD},"message":"Success","is_error":false}`);
  });

  it('refuses a missing or forged token with 401, without counting it', async () => {
    const before = await counted();
    for (const bearer of [undefined, token('another-secret-0123456789abcdefghijkl')]) {
      const res = await get('/api/v1/workflows/1', bearer);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        payload: null,
        message: 'Authentication required',
        is_error: true,
      });
    }
    expect(await counted()).toBe(before);
  });

  it('answers 404 in the envelope for a workflow that is not cached', async () => {
    const res = await get('/api/v1/workflows/2', token());
    expect(res.status).toBe(404);
    expect((await res.json()) as { is_error: boolean }).toMatchObject({ is_error: true });
  });

  it('counts every authenticated request in Redis, concurrent ones included', async () => {
    const bearer = token();
    const before = await counted();
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => get('/api/v1/workflows/1', bearer)),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(25).fill(200));
    expect(await counted()).toBe(before + 25);
    // The window's key expires with the window.
    const [key] = await redis.keys(`${prefix}:rl:user:7:*`);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('writes one JSON log line per request', async () => {
    endpoint.child.kill('SIGTERM');
    await endpoint.exited;
    const lines = endpoint
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; res: { status: number } });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(sent);
    expect(completed.filter((line) => line.res.status === 401)).toHaveLength(2);
  });
});
