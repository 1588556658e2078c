import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import Redis from 'ioredis';
import { sign } from 'jsonwebtoken';

import { assertRedisAvailable, TEST_REDIS_URL } from '../test/support/redis';
import { freePort } from '../test/support/spawn-api';

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
  let child: ChildProcess;
  let stdout = '';
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
    child = spawn(process.execPath, [join(__dirname, 'handwritten-server.js')], {
      env: {
        PATH: process.env.PATH,
        MODE: mode,
        PORT: String(port),
        REDIS_URL: TEST_REDIS_URL,
        KEY_PREFIX: prefix,
        JWT_SECRET: SECRET,
        JWT_ISSUER: 'quorum',
        JWT_AUDIENCE: 'quorum-api',
        PAYLOAD,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const started = Date.now();
    while (!stdout.includes('listening')) {
      if (child.exitCode !== null) throw new Error(`the endpoint exited: ${stdout}`);
      if (Date.now() - started > 10_000) throw new Error(`the endpoint did not start: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
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
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; res: { status: number } });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(sent);
    expect(completed.filter((line) => line.res.status === 401)).toHaveLength(2);
  });
});
