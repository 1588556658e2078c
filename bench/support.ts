/**
 * What the bench's scripts share: where the project is, core pinning, the production settings the
 * API is measured with, the demo admin, a free port and a Redis server of the bench's own.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import Redis from 'ioredis';

import { freePort } from '../test/support/spawn-api';

export { freePort };

export const ROOT = join(__dirname, '..');

/** Servers go to core 0, the load generator and Redis to core 1, when there are two cores. */
export const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return cpus().length >= 2;
  } catch {
    return false;
  }
})();

/**
 * Node's arguments for the API as production starts it: `npm run start:prod` (the Dockerfile and
 * docker-compose.yml run the same command; production-command.spec.ts holds them to it), so the
 * bench measures the process with the V8 flags it runs with (decision 039).
 */
export function apiProductionArgs(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const [command, ...args] = scripts['start:prod'].trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) {
    throw new Error(`start:prod is not a plain node command: ${scripts['start:prod']}`);
  }
  return args;
}

/** Signs the API's tokens; the hand-written endpoints verify the same tokens with it. */
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghijklmnop';

export const demoAdmin = (
  JSON.parse(readFileSync(join(ROOT, 'seeds', '020-users.json'), 'utf8')) as {
    rows: { email: string; password: string; role: string }[];
  }
).rows.find((r) => r.role === 'admin');

export interface ApiPlace {
  port: number;
  dbPath: string;
  redisUrl: string;
  keyPrefix: string;
}

/** The production build's environment as measured: JSON logs at info, auth and rate limits on. */
export function productionApiEnv(
  place: ApiPlace,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(place.port),
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    DB_SQLITE_PATH: place.dbPath,
    REDIS_URL: place.redisUrl,
    REDIS_KEY_PREFIX: place.keyPrefix,
    JWT_SECRET,
    CURSOR_SECRET: 'bench-cursor-secret-0123456789abcdefghijkl',
    SEED_DEMO_USERS: 'true',
    // Rate limiting stays on (every request is counted in Redis); the limits are raised so that
    // no request is refused.
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_USER_LIMIT: '1000000000',
    RATE_LIMIT_ANON_LIMIT: '1000000000',
    RATE_LIMIT_AUTH_LIMIT: '1000000000',
    ...extra,
  };
}

/** Signs the demo admin in; its access token. */
export async function adminToken(baseUrl: string): Promise<string> {
  if (!demoAdmin) throw new Error('seeds/020-users.json has no admin');
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoAdmin.email, password: demoAdmin.password }),
  });
  if (!res.ok) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { payload: { access_token: string } }).payload.access_token;
}

/**
 * A redis-server of the bench's own, on a free port, without persistence, pinned to the load
 * generator's core. Production's Redis runs on its own host; the machine's shared Redis, left to
 * the scheduler, ran on the server's core about 40 % of the time (sampled), taking its share of the
 * core whose throughput is measured and making the ratios wander from run to run. Stopped when the
 * bench exits, failed or not.
 */
export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const [cmd, argv] = hasTaskset
    ? ['taskset', ['-c', '1', 'redis-server', ...args]]
    : ['redis-server', args];
  const child = spawn(cmd, argv, { stdio: 'ignore' });
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}/0`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  const started = performance.now();
  for (;;) {
    if (spawnError !== undefined || child.exitCode !== null) {
      throw new Error(
        `redis-server did not start (install it, or set BENCH_REDIS_URL): ${String(spawnError ?? child.exitCode)}`,
      );
    }
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      probe.disconnect();
      if (performance.now() - started > 10_000) throw new Error('redis-server did not answer');
      await sleep(50);
    }
  }
  probe.disconnect();
  return { url, child };
}

/**
 * Pins every thread of this process to core 1. `taskset -p` alone pins only the thread it names:
 * V8's garbage collection helpers, already running, stayed free to take core 0 from the server
 * under test (the load generator read 111 % busy).
 */
export function pinThisProcessToCore1(): void {
  if (hasTaskset) {
    execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  }
}
