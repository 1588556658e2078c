/**
 * `npm run bench`: builds, then measures the production build against a bare Fastify baseline in
 * the same run (issue 8). The servers run on core 0 and this load generator on core 1 (taskset,
 * when the machine has two cores). Every scenario gets a warm-up, then CONNECTIONS connections
 * for DURATION seconds. Results: bench/results/<time>.json and .md, and latest.json / latest.md.
 *
 * Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION_S (10), BENCH_WARMUP_S (3),
 * BENCH_REQUESTS (100000 review requests seeded), BENCH_REDIS_URL (unset: the bench starts its own
 * redis-server, see startRedis; set: that Redis, e.g. redis://127.0.0.1:6379/0),
 * BENCH_SOAK_S (0; 300 runs issue 8's five-minute memory check on the cache-hit scenario),
 * BENCH_ROUND_S (2: scenario and baseline alternate in rounds this long; the ratios are medians).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import autocannon from 'autocannon';
import Redis from 'ioredis';

import { judgeSoak, minutesText, Soak } from './soak';
import { median } from './stats';
import {
  adminToken,
  apiProductionArgs,
  demoAdmin,
  hasTaskset,
  JWT_SECRET,
  pinThisProcessToCore1,
  productionApiEnv,
  ROOT,
  startRedis,
} from './support';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Each scenario's DURATION_S is cut into rounds of about this length, each paired with a baseline round. */
const ROUND_S = Number(process.env.BENCH_ROUND_S ?? 2);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
/** Timed starts of the API; the median is the cold start reported. */
const COLD_STARTS = Math.max(1, Number(process.env.BENCH_COLD_STARTS ?? 3));
const REDIS_PINNED = 'own redis-server on core 1';
/** The Redis the API under test uses: BENCH_REDIS_URL, else the bench's own (startRedis). */
let redisUrl = process.env.BENCH_REDIS_URL ?? '';
/** Seconds of the cache-hit scenario to run for the memory check (0: skip it). */
const SOAK_S = Number(process.env.BENCH_SOAK_S ?? 0);
/** RSS sampling interval of the soak: often enough to catch the top and bottom of each GC cycle. */
const SOAK_SAMPLE_MS = 500;
const DEEP = 50_000;
const LIST = '/api/v1/review-requests?status=in_review&page_size=10';

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  coldStartMs: number;
}

interface Result {
  scenario: string;
  server: string;
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** The p99 of the paired rounds' own responses, reported beside the continuous run's (see measure). */
  rounds_p99_ms?: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (user + system) per request, in microseconds. */
  cpu_us_per_req: number;
  ratio?: number;
  /** Baseline CPU per request / this CPU per request: the throughput ratio on a dedicated core. */
  cpu_ratio?: number;
  /** The server's CPU time over the wall time of its rounds: under 100, something else set the pace. */
  server_busy_pct: number;
  /** This process's (the load generator's) CPU time over the same wall time. */
  load_gen_busy_pct: number;
}

/** The server's CPU time so far in ms (utime + stime from /proc, 10 ms ticks). */
function cpuMs(server: Server): number {
  const fields = readFileSync(`/proc/${server.child.pid as number}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-'));
const prefix = `bench-${randomBytes(4).toString('hex')}`;
function apiEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return productionApiEnv(
    { port, dbPath: join(dir, 'bench.sqlite'), redisUrl, keyPrefix: prefix },
    extra,
  );
}

let nextPort = 3900 + Math.floor(Math.random() * 50);

async function startServer(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
): Promise<Server> {
  const port = Number(env.PORT);
  const log = openSync(join(dir, `${name}.log`), 'a');
  const [cmd, argv] = hasTaskset
    ? ['taskset', ['-c', '0', process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', log, log] });
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited: ${readFileSync(join(dir, `${name}.log`), 'utf8')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${name} did not start`);
    await sleep(10);
  }
  return { name, child, port, coldStartMs: Math.round(performance.now() - started) };
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

function rssMb(server: Server): number {
  // taskset execs node in its own process: the pid is node's either way.
  const pid = server.child.pid as number;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  onResponse?: (ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, headers, connections: CONNECTIONS, duration: seconds },
      (error: unknown, result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(result),
    );
    if (onResponse) {
      instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
    }
  });
}

/** One load round: what autocannon saw, and the CPU both sides used over its wall time. */
interface Round {
  result: autocannon.Result;
  rps: number;
  /** The server's CPU time per request, in microseconds. */
  cpuUs: number;
  /** The server's CPU time over the round, in ms. */
  cpuMs: number;
  wallMs: number;
  /** This process's (the load generator's) CPU time over the round, in ms. */
  loadGenCpuMs: number;
}

/** A server a scenario's rounds are paired with: each scenario round right after one of its rounds. */
interface Reference {
  server: Server;
  url: string;
  headers?: Record<string, string>;
}

/** The bare baseline, kept running: each scenario round is paired with a baseline round. */
let pairedBaseline: Reference | undefined;

async function round(
  server: Server,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  onResponse?: (ms: number) => void,
): Promise<Round> {
  const cpuBefore = cpuMs(server);
  const loadGenBefore = process.cpuUsage();
  const started = performance.now();
  const result = await load(url, headers, seconds, onResponse);
  const wallMs = performance.now() - started;
  const loadGen = process.cpuUsage(loadGenBefore);
  const used = cpuMs(server) - cpuBefore;
  const requests = Math.max(1, result.requests.total);
  return {
    result,
    cpuMs: used,
    wallMs,
    loadGenCpuMs: (loadGen.user + loadGen.system) / 1000,
    rps: requests / seconds,
    cpuUs: (used * 1000) / requests,
  };
}

/**
 * Loads `path` for DURATION_S after a warm-up. With a paired baseline the time is cut into rounds
 * of ROUND_S, each after an equally long baseline round on the same core, and the ratios are the
 * median of the rounds' ratios: the machine's speed drifts (other tenants), and a baseline measured
 * minutes apart would carry that drift into the ratio.
 *
 * The latencies of a table row (a scenario paired with the baseline) come from one more run of
 * DURATION_S on one set of connections, as issue 8 describes the measurement. Each round opens its
 * CONNECTIONS afresh, and Node 20's libuv accepts one connection per event-loop iteration
 * (libuv#3696): under load the last of 50 new connections waited ~50 iterations for its first
 * answer (240 ms on the list page), so five rounds put five such bursts of first requests into the
 * tail that a single run has once. The rounds' own p99 is kept beside it (rounds_p99_ms).
 */
async function measure(
  scenario: string,
  server: Server,
  path: string,
  headers: Record<string, string> = {},
  reference: Reference | undefined = pairedBaseline,
): Promise<Result> {
  const url = `http://127.0.0.1:${server.port}${path}`;
  await load(url, headers, WARMUP_S);
  const continuous: number[] = [];
  const ownLatencyRun = reference !== undefined && reference === pairedBaseline;
  if (ownLatencyRun) await load(url, headers, DURATION_S, (ms) => continuous.push(ms));
  const samples: number[] = [];
  const rounds = reference ? Math.max(1, Math.round(DURATION_S / ROUND_S)) : 1;
  const seconds = DURATION_S / rounds;
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  let requests = 0;
  let cpuUsed = 0;
  let wallMs = 0;
  let loadGenCpuMs = 0;
  let non2xx = 0;
  let errors = 0;
  for (let i = 0; i < rounds; i++) {
    const before = reference
      ? await round(reference.server, reference.url, reference.headers ?? {}, seconds)
      : undefined;
    const r = await round(server, url, headers, seconds, (ms) => samples.push(ms));
    requests += r.result.requests.total;
    cpuUsed += r.cpuMs;
    wallMs += r.wallMs;
    loadGenCpuMs += r.loadGenCpuMs;
    non2xx += r.result.non2xx;
    errors += r.result.errors + r.result.timeouts;
    if (before) {
      ratios.push(r.rps / before.rps);
      cpuRatios.push(before.cpuUs / Math.max(0.1, r.cpuUs));
    }
  }
  const sorted = Float64Array.from(samples).sort();
  const latencies = ownLatencyRun ? Float64Array.from(continuous).sort() : sorted;
  const out: Result = {
    scenario,
    server: server.name,
    requests,
    rps: Math.round(requests / DURATION_S),
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    ...(ownLatencyRun ? { rounds_p99_ms: percentile(sorted, 99) } : {}),
    non2xx,
    errors,
    cpu_us_per_req: Math.round(((cpuUsed * 1000) / Math.max(1, requests)) * 10) / 10,
    server_busy_pct: Math.round((100 * cpuUsed) / Math.max(1, wallMs)),
    load_gen_busy_pct: Math.round((100 * loadGenCpuMs) / Math.max(1, wallMs)),
    ...(ratios.length > 0
      ? {
          ratio: Math.round(median(ratios) * 100) / 100,
          cpu_ratio: Math.round(median(cpuRatios) * 100) / 100,
        }
      : {}),
  };
  process.stdout.write(
    `${scenario.padEnd(44)} ${String(out.rps).padStart(7)} req/s  p50 ${out.p50_ms} ms  p95 ${out.p95_ms} ms  p99 ${out.p99_ms} ms${out.rounds_p99_ms !== undefined ? ` (rounds ${out.rounds_p99_ms})` : ''}  ${out.cpu_us_per_req} µs CPU/req  busy: server ${out.server_busy_pct} %, load generator ${out.load_gen_busy_pct} %${out.ratio !== undefined ? `  × ${out.ratio} (CPU × ${out.cpu_ratio})` : ''}${out.non2xx ? `  non-2xx ${out.non2xx}` : ''}\n`,
  );
  return out;
}

/** bench/handwritten-server.js's two ways of doing the cache hit's work, and their rows. */
const HANDWRITTEN = {
  'per-request': "hand-written Fastify, cache hit's work, Redis per request",
  'same-design': "hand-written Fastify, cache hit's work, the API's design",
} as const;
type HandwrittenMode = keyof typeof HANDWRITTEN;
const HANDWRITTEN_MODES = Object.keys(HANDWRITTEN) as HandwrittenMode[];

/** The median ratios of a scenario's rounds to those of the scenario it is paired with. */
interface PairedRatios {
  /** Its req/s over the other's. */
  ratio: number;
  /** The other's CPU per request over its own. */
  cpu_ratio: number;
}

/** The cache hit's rounds paired with a hand-written endpoint's: the API's share of its speed. */
interface AgainstHandwritten extends PairedRatios {
  mode: HandwrittenMode;
}

/**
 * Issue 8's yardstick, in the same run: bench/handwritten-server.js does the cached read's work
 * (JWT, Redis rate-limit counter, cache read, log line, envelope) with no framework, either as the
 * issue describes it (a Redis round trip per request) or with the API's own design (remembered
 * tokens, counters sent once per turn, an in-process cache tier). It serves the same workflow JSON
 * under the same token, from the same Redis. Its row is paired with the baseline like every
 * scenario; then the API's cache hit is measured again in rounds paired with the hand-written
 * endpoint's, so the two are compared within seconds of each other rather than through two
 * baselines measured a minute apart (which read 1.2× to 2.8× for the same build in one morning).
 */
async function measureHandwritten(
  mode: HandwrittenMode,
  api: Server,
  accessToken: string,
  workflowBody: string,
  auth: Record<string, string>,
): Promise<{ row: Result; against: AgainstHandwritten }> {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
    iss: string;
    aud: string;
  };
  const server = await startServer(
    `handwritten-${mode}`,
    [join('bench', 'handwritten-server.js')],
    {
      PATH: process.env.PATH,
      MODE: mode,
      PORT: String(nextPort++),
      REDIS_URL: redisUrl,
      KEY_PREFIX: prefix,
      JWT_SECRET,
      JWT_ISSUER: claims.iss,
      JWT_AUDIENCE: claims.aud,
      PAYLOAD: JSON.stringify((JSON.parse(workflowBody) as { payload: unknown }).payload),
    },
    '/ready',
  );
  const path = '/api/v1/workflows/1';
  const row = await measure(HANDWRITTEN[mode], server, path, auth);
  const paired = await measure(`cache hit, paired with ${mode}`, api, path, auth, {
    server,
    url: `http://127.0.0.1:${server.port}${path}`,
    headers: auth,
  });
  await stop(server);
  return { row, against: { mode, ratio: paired.ratio ?? 0, cpu_ratio: paired.cpu_ratio ?? 0 } };
}

/** The sentence under the table on the cache hit against the hand-written endpoints. */
function againstHandwrittenLine(pairs: AgainstHandwritten[]): string {
  const of = (mode: HandwrittenMode) => {
    const pair = pairs.find((p) => p.mode === mode);
    return pair
      ? `${pair.ratio.toFixed(2)}× its throughput, ${pair.cpu_ratio.toFixed(2)}× by CPU per request`
      : 'not measured';
  };
  return (
    'The cache hit against the hand-written endpoints doing its work (bench/handwritten-server.js), ' +
    "in rounds paired with each endpoint's: against the issue's, with a Redis round trip per request, " +
    `${of('per-request')} (≥ 1: the framework costs nothing by the issue's measure); against one built the ` +
    `API's way (remembered tokens, counters sent once per turn, in-process cache tier), ${of('same-design')} ` +
    "(the share of that endpoint's speed the whole stack keeps)."
  );
}

/** Issue 8's memory check: the cache-hit scenario for SOAK_S seconds, judged by judgeSoak. */
async function soakRss(server: Server, headers: Record<string, string>): Promise<Soak> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(server)), SOAK_SAMPLE_MS);
  await load(`http://127.0.0.1:${server.port}/api/v1/workflows/1`, headers, SOAK_S);
  clearInterval(timer);
  const soak = judgeSoak(samples, SOAK_SAMPLE_MS, SOAK_S);
  process.stdout.write(
    `soak ${SOAK_S} s: RSS floor / median / peak per minute ${minutesText(soak.minutes)} MB; ` +
      `growth after warm-up, by the trend of the minutes' floors ${soak.floor_growth_pct} %, of their peaks ${soak.ceiling_growth_pct} %\n`,
  );
  return soak;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { payload: T };
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body.payload;
}

function runScript(args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...args],
    { cwd: ROOT, env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' }, stdio: 'inherit' },
  );
}

/** The sentence under the table on target 4: the deep cursor against page 1, paired. */
function cursorDepthLine({ ratio, cpu_ratio }: PairedRatios): string {
  const cost = cpu_ratio > 0 ? (1 / cpu_ratio).toFixed(2) : '?';
  return (
    `The cursor at depth ${DEEP} against page 1 (cursor), in rounds paired with page 1's: ` +
    `${cost}× its CPU per request, ${ratio.toFixed(2)}× its throughput (target: within 1.2×).`
  );
}

/** The soak's sentence under the table. */
function soakLine(soak: Soak): string {
  const judged = soak.warmup_minutes ? `after minute ${soak.warmup_minutes}` : 'over all of it';
  return (
    `Cache-hit soak of ${soak.seconds} s, RSS sampled every ${soak.sample_ms / 1000} s: grew ${soak.growth_pct} % ` +
    `(${judged}, the trend of each minute's lowest sample; of each minute's highest, reported only: ${soak.ceiling_growth_pct} %. ` +
    `Floor / median / peak of each minute: ${minutesText(soak.minutes)} MB).`
  );
}

function markdown(meta: Record<string, unknown>, results: Result[]): string {
  const lines = [
    `# Benchmark ${String(meta.date)}`,
    '',
    `${String(meta.machine)}; ${CONNECTIONS} connections × ${DURATION_S} s per scenario after a ${WARMUP_S} s warm-up; ` +
      `server ${hasTaskset ? `on core 0, load generator${meta.redis === REDIS_PINNED ? ' and Redis' : ''} on core 1 (taskset)` : 'and load generator unpinned'}. ` +
      `Production build: NODE_ENV=production, JSON logs at info, helmet, rate limiting on (limits raised), auth on, Redis.`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | p99 of the rounds ms | × baseline | CPU µs/req | × baseline (CPU) | server busy % | load gen. busy % | non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.rps} | ${r.p50_ms} | ${r.p95_ms} | ${r.p99_ms} | ${r.rounds_p99_ms ?? ''} | ${r.ratio?.toFixed(2) ?? ''} | ${r.cpu_us_per_req} | ${r.cpu_ratio?.toFixed(2) ?? ''} | ${r.server_busy_pct} | ${r.load_gen_busy_pct} | ${r.non2xx} |`,
    ),
    '',
    `Latencies (p50, p95, p99): one continuous run of ${DURATION_S} s on one set of ${CONNECTIONS} connections after the warm-up, as issue 8 measures; ` +
      '"p99 of the rounds": the same over the paired rounds below, whose connections are new every round (Node 20 accepts one new connection per event-loop iteration, so each round starts with a burst of slow first requests). ' +
      `Ratios: each scenario runs in rounds of ${DURATION_S / Math.max(1, Math.round(DURATION_S / ROUND_S))} s, each right after an equally long round of the bare baseline on the same core; ` +
      '"× baseline" is the median of the rounds\' req/s ratios, "× baseline (CPU)" the median of the baseline\'s CPU time per request ' +
      `divided by the scenario's (the throughput ratio on a dedicated core). The baseline row is its own ${DURATION_S} s run. ` +
      "\"Busy\": CPU time over wall time of the scenario's own rounds, the server's (one core) and the load generator's (this process, on the other core); " +
      'a server under ~95 % busy was not what set the pace, and its CPU per request then includes waking up for each request.',
    '',
    againstHandwrittenLine(meta.cache_hit_against_handwritten as AgainstHandwritten[]),
    '',
    cursorDepthLine(meta.cursor_depth_against_page1 as PairedRatios),
    '',
    `Cold start of the production build to the first 200 on liveness (migrations up to date): ${String(meta.cold_start_ms)} ms ` +
      `(median of ${(meta.cold_starts_ms as number[]).join(', ')} ms). ` +
      `Idle RSS: ${String(meta.idle_rss_mb)} MB; after the cache-hit scenario: ${String(meta.rss_after_hit_mb)} MB. ` +
      `Load average (1 min) before / after: ${String(meta.load_before)} / ${String(meta.load_after)} on ${cpus().length} cores.` +
      (meta.soak ? ` ${soakLine(meta.soak as Soak)}` : ''),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!demoAdmin) throw new Error('seeds/020-users.json has no admin');
  const loadBefore = Math.round(loadavg()[0] * 100) / 100;
  pinThisProcessToCore1();
  const ownRedis = redisUrl ? undefined : await startRedis();
  if (ownRedis) redisUrl = ownRedis.url;
  const redisLabel = ownRedis ? (hasTaskset ? REDIS_PINNED : 'own redis-server') : redisUrl;
  process.stdout.write(
    `bench: work dir ${dir}, Redis ${redisUrl} (${redisLabel}, key prefix ${prefix})\n`,
  );
  // As `npm run start:prod` runs it (V8 flags included), like the Dockerfile.
  const apiArgs = apiProductionArgs();

  // 1. Migrate and seed, then add the volume of review requests.
  let api = await startServer('api-setup', apiArgs, apiEnv(nextPort++), '/api/v1/health');
  await stop(api);
  runScript(['scripts/seed-volume.ts', '--requests', String(REQUESTS)], apiEnv(0));

  // 2. The API as deployed: cold start with the schema up to date. One start reads whatever the
  // VM was doing in those two seconds (the same build: 2.2–3.1 s in one quarter of an hour), so
  // it starts COLD_STARTS times and the median counts; the last start serves the scenarios.
  const coldStarts: number[] = [];
  for (let i = 1; i < COLD_STARTS; i++) {
    const trial = await startServer('api-cold', apiArgs, apiEnv(nextPort++), '/api/v1/health');
    coldStarts.push(trial.coldStartMs);
    await stop(trial);
  }
  api = await startServer('api', apiArgs, apiEnv(nextPort++), '/api/v1/health');
  coldStarts.push(api.coldStartMs);
  await sleep(2000);
  const idleRss = rssMb(api);
  const base = `http://127.0.0.1:${api.port}`;
  const token = await adminToken(base);
  const auth = { authorization: `Bearer ${token}` };
  const workflowBody = await (await fetch(`${base}/api/v1/workflows/1`, { headers: auth })).text();

  // A cursor at depth 50 000 of the filtered list, reached by walking it.
  let cursor = '';
  for (let seen = 0; seen < DEEP; seen += 100) {
    const page = await json<{ next_cursor: string | null }>(
      await fetch(
        `${base}/api/v1/review-requests?status=in_review&page_size=100&cursor=${encodeURIComponent(cursor)}`,
        {
          headers: auth,
        },
      ),
    );
    if (!page.next_cursor) throw new Error(`the list ends before depth ${DEEP}`);
    cursor = page.next_cursor;
  }

  const baseline = await startServer(
    'baseline',
    [join('bench', 'baseline-server.js')],
    {
      PATH: process.env.PATH,
      PORT: String(nextPort++),
      BODY_BYTES: String(Buffer.byteLength(workflowBody)),
    },
    '/',
  );
  const results: Result[] = [];
  const baselineRow = await measure('bare Fastify baseline (same body size)', baseline, '/');
  baselineRow.ratio = 1;
  baselineRow.cpu_ratio = 1;
  results.push(baselineRow);
  pairedBaseline = { server: baseline, url: `http://127.0.0.1:${baseline.port}/` };
  results.push(await measure('liveness GET /api/v1/health', api, '/api/v1/health'));
  results.push(
    await measure('GET /api/v1/workflows/1, cache hit', api, '/api/v1/workflows/1', auth),
  );
  const rssAfterHit = rssMb(api);
  const againstHandwritten: AgainstHandwritten[] = [];
  for (const mode of HANDWRITTEN_MODES) {
    const { row, against } = await measureHandwritten(mode, api, token, workflowBody, auth);
    results.push(row);
    againstHandwritten.push(against);
  }
  const soak = SOAK_S > 0 ? await soakRss(api, auth) : undefined;
  results.push(await measure('review requests page 1 (offset)', api, `${LIST}&page=1`, auth));
  results.push(await measure('review requests page 1 (cursor)', api, `${LIST}&cursor=`, auth));
  results.push(
    await measure(
      `review requests depth ${DEEP} (offset page ${DEEP / 10 + 1})`,
      api,
      `${LIST}&page=${DEEP / 10 + 1}`,
      auth,
    ),
  );
  const deepCursorPath = `${LIST}&cursor=${encodeURIComponent(cursor)}`;
  results.push(await measure(`review requests depth ${DEEP} (cursor)`, api, deepCursorPath, auth));
  // Target 4 compares the deep cursor with page 1: their rows are each paired with the baseline,
  // and the host's drift between the two scenarios a minute apart reads into a comparison of
  // their rows (the same build: 0.71× to 1.57× page 1's CPU per request). So the deep cursor
  // runs again in rounds paired with page 1's.
  const deepAgainstPage1 = await measure(
    `cursor at depth ${DEEP}, paired with page 1`,
    api,
    deepCursorPath,
    auth,
    { server: api, url: `http://127.0.0.1:${api.port}${LIST}&cursor=`, headers: auth },
  );
  await stop(api);

  // 3. The same route with workflows not cached: every request reads SQLite.
  const uncached = await startServer(
    'api-no-workflow-cache',
    apiArgs,
    apiEnv(nextPort++, { CACHE_TTL_WORKFLOW_S: '0' }),
    '/api/v1/health',
  );
  results.push(
    await measure(
      'GET /api/v1/workflows/1, cache miss (SQLite)',
      uncached,
      '/api/v1/workflows/1',
      auth,
    ),
  );
  await stop(uncached);
  await stop(baseline);
  const date = new Date().toISOString();
  const meta = {
    date,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    warmup_s: WARMUP_S,
    pinned: hasTaskset,
    redis: redisLabel,
    review_requests: REQUESTS,
    cold_start_ms: median(coldStarts),
    cold_starts_ms: coldStarts,
    idle_rss_mb: idleRss,
    rss_after_hit_mb: rssAfterHit,
    ...(soak ? { soak } : {}),
    cache_hit_against_handwritten: againstHandwritten,
    cursor_depth_against_page1: {
      ratio: deepAgainstPage1.ratio ?? 0,
      cpu_ratio: deepAgainstPage1.cpu_ratio ?? 0,
    },
    workflow_body_bytes: Buffer.byteLength(workflowBody),
    // Other work on the machine skews everything: the 1-minute load average before and after.
    load_before: loadBefore,
    load_after: Math.round(loadavg()[0] * 100) / 100,
  };
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = date.replace(/[:.]/g, '-');
  const report = JSON.stringify({ meta, results }, null, 2);
  const md = markdown(meta, results);
  writeFileSync(join(outDir, `${stamp}.json`), report);
  writeFileSync(join(outDir, `${stamp}.md`), md);
  writeFileSync(join(outDir, 'latest.json'), report);
  writeFileSync(join(outDir, 'latest.md'), md);
  // docs/performance.md keeps the latest table between its marker and the next section.
  const docPath = join(ROOT, 'docs', 'performance.md');
  const doc = readFileSync(docPath, 'utf8');
  const table = md.split('\n').slice(2).join('\n').trim();
  writeFileSync(
    docPath,
    doc.replace(
      /<!-- bench:latest -->[\s\S]*?(?=\n## )/,
      `<!-- bench:latest -->\n\nMeasured ${date}.\n\n${table}\n`,
    ),
  );
  // The table is written as text; the repo's formatting check (npm run lint) wants it aligned.
  execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--write', docPath],
    {
      stdio: 'ignore',
    },
  );
  process.stdout.write(
    `\n${md}\nWritten to bench/results/${stamp}.{json,md} and docs/performance.md\n`,
  );

  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  ownRedis?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  console.error(`server logs are in ${dir}`);
  process.exit(1);
});
