/**
 * `npm run bench:instructions`: instructions per request, counted by valgrind's callgrind, for the
 * bare Fastify baseline and the production build's liveness, cached read and list page — counts
 * that hardly move with the host's speed, where `npm run bench`'s req/s drift with it (decision
 * 037; compare runs made alike: beside other load they read up to ~15 % higher). For comparing two builds of the request path; the ratios of `npm run bench`
 * stay the issue's measure. The server runs under callgrind (~50× slower), autocannon in this
 * process sends the requests; after a warm-up, each round zeroes the counters, sends a fixed
 * number of requests and reads the count. The median round is reported (now and then a round
 * holds a collection or a timer and reads higher), with the lowest and highest.
 *
 * Knobs: BENCH_IR_REQUESTS (5000 per round; a tenth of that for the list page),
 * BENCH_IR_ROUNDS (5), BENCH_CONNECTIONS (50), BENCH_IR_ONLY (a comma-separated list of
 * `liveness`, `cached`, `list`: only those scenarios, besides the baseline; all when unset).
 * Needs valgrind (Debian: apt-get install valgrind). Results: bench/results/instructions-<time>.md
 * and instructions-latest.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import autocannon from 'autocannon';

import { CallgrindProcess, hasCallgrind } from './callgrind';
import { median } from './stats';
import {
  adminToken,
  apiProductionArgs,
  freePort,
  productionApiEnv,
  ROOT,
  startRedis,
} from './support';

const REQUESTS = Number(process.env.BENCH_IR_REQUESTS ?? 5000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_IR_ROUNDS ?? 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ONLY = process.env.BENCH_IR_ONLY?.split(',').map((name) => name.trim());

function wanted(scenario: 'liveness' | 'cached' | 'list'): boolean {
  return !ONLY || ONLY.includes(scenario);
}
/** Under callgrind the API takes a minute or more to start. */
const START_TIMEOUT_MS = 5 * 60_000;

interface Row {
  scenario: string;
  median: number;
  min: number;
  max: number;
  ratio?: number;
}

async function waitReady(server: CallgrindProcess, url: string): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`${url}: the server exited`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${url} did not start`);
    await sleep(500);
  }
}

/** Sends `amount` requests; all of them must answer 2xx unless `tolerant` (the warm-up). */
async function send(
  url: string,
  headers: Record<string, string>,
  amount: number,
  tolerant = false,
): Promise<void> {
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    // Under callgrind a cold server is slow: a long timeout, so that no request is given up on.
    autocannon(
      { url, headers, connections: CONNECTIONS, amount, timeout: 120 },
      (error: unknown, r) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(r),
    ),
  );
  const answered = result['2xx'];
  if (answered !== amount && !tolerant) {
    throw new Error(`${url}: ${answered} of ${amount} requests answered 2xx`);
  }
}

async function count(
  server: CallgrindProcess,
  scenario: string,
  url: string,
  headers: Record<string, string> = {},
  requests = REQUESTS,
): Promise<Row> {
  await send(url, headers, requests * 2, true); // warm-up: the JIT settles
  const perRequest: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    server.zero();
    await send(url, headers, requests);
    perRequest.push(Math.round(server.dump() / requests));
  }
  const row = {
    scenario,
    median: median(perRequest),
    min: Math.min(...perRequest),
    max: Math.max(...perRequest),
  };
  process.stdout.write(`${scenario}: ${perRequest.join(', ')} instructions per request\n`);
  return row;
}

function markdown(rows: Row[], at: string): string {
  const lines = [
    `# Instructions per request ${at}`,
    '',
    `callgrind, ${REQUESTS} requests per round (the list page a tenth) on ${CONNECTIONS} connections after a warm-up of ` +
      `${REQUESTS * 2}, ${ROUNDS} rounds; the median round, the lowest and the highest. ` +
      'Production build, settings as in `npm run bench`, demo data only (the list has a few rows).',
    '',
    '| scenario | instructions/request | lowest | highest | baseline ÷ scenario |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.median} | ${r.min} | ${r.max} | ${r.ratio?.toFixed(2) ?? '1.00'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!hasCallgrind()) {
    throw new Error('valgrind with callgrind is needed: apt-get install valgrind');
  }
  const dir = mkdtempSync(join(tmpdir(), 'quorum-instructions-'));
  const redis = await startRedis();
  const apiPort = await freePort();
  const api = new CallgrindProcess(
    join(dir, 'api.cg'),
    apiProductionArgs(),
    productionApiEnv({
      port: apiPort,
      dbPath: join(dir, 'instructions.sqlite'),
      redisUrl: redis.url,
      keyPrefix: 'bench-ir',
    }),
    ROOT,
  );
  const servers = [api];
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    process.stdout.write(`instructions: starting the API under callgrind (work dir ${dir})\n`);
    await waitReady(api, `${base}/api/v1/health`);
    const auth = { authorization: `Bearer ${await adminToken(base)}` };
    const workflow = await fetch(`${base}/api/v1/workflows/1`, { headers: auth });
    const workflowBody = await workflow.text();
    if (!workflow.ok)
      throw new Error(`GET /api/v1/workflows/1: ${workflow.status} ${workflowBody}`);

    const baselinePort = await freePort();
    const baseline = new CallgrindProcess(
      join(dir, 'baseline.cg'),
      [join('bench', 'baseline-server.js')],
      {
        PATH: process.env.PATH,
        PORT: String(baselinePort),
        BODY_BYTES: String(Buffer.byteLength(workflowBody)),
      },
      ROOT,
    );
    servers.push(baseline);
    await waitReady(baseline, `http://127.0.0.1:${baselinePort}/`);

    const rows = [
      await count(
        baseline,
        'bare Fastify baseline (same body size)',
        `http://127.0.0.1:${baselinePort}/`,
      ),
    ];
    if (wanted('liveness')) {
      rows.push(await count(api, 'liveness GET /api/v1/health', `${base}/api/v1/health`));
    }
    if (wanted('cached')) {
      rows.push(
        await count(api, 'GET /api/v1/workflows/1, cache hit', `${base}/api/v1/workflows/1`, auth),
      );
    }
    if (wanted('list')) {
      rows.push(
        await count(
          api,
          'review requests page 1 (cursor)',
          `${base}/api/v1/review-requests?page_size=10&cursor=`,
          auth,
          // A list page runs ~15 times the instructions of a cached read: fewer of them.
          Math.max(100, Math.round(REQUESTS / 10)),
        ),
      );
    }
    for (const row of rows.slice(1)) row.ratio = rows[0].median / row.median;

    const at = new Date().toISOString();
    const text = markdown(rows, at);
    const stamp = at.replace(/[:.]/g, '-');
    writeFileSync(join(ROOT, 'bench', 'results', `instructions-${stamp}.md`), text);
    writeFileSync(join(ROOT, 'bench', 'results', 'instructions-latest.md'), text);
    process.stdout.write(`\n${text}\nWritten to bench/results/instructions-${stamp}.md\n`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    redis.child.kill('SIGKILL');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
