'use strict';
/**
 * Issue 8's yardstick for the cached read, measured in the same run as the API: careful
 * hand-written Fastify endpoints doing the work of `GET /api/v1/workflows/{id}` on a cache hit, with
 * no framework around them. Both verify the bearer token with a KeyObject (jsonwebtoken, HS256,
 * issuer, audience, expiry), count the caller in a fixed-window rate-limit counter in Redis, read
 * the cached workflow, build the envelope around the cached JSON text, write one JSON log line
 * (pino, asynchronous destination) and send a request id. MODE picks how:
 *
 * - `per-request` (the issue's description, which puts such an endpoint at 0.23–0.25 of the bare
 *   baseline): the signature checked on every request; the counter and the cached read in Redis,
 *   both commands in one pipeline, one round trip per request.
 * - `same-design` (what the API does, decisions 026 and 035): verified tokens remembered by their
 *   text (expiry still checked), the counters of one event-loop turn sent to Redis together in one
 *   script call that every request of the turn waits for, and the workflow read from an in-process
 *   tier (filled from Redis). Against this row the API's ratio is what the framework costs.
 *
 * Environment: MODE, PORT, REDIS_URL, KEY_PREFIX, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, PAYLOAD (the
 * cached workflow's JSON, stored in Redis at start).
 */
const { createSecretKey, randomUUID } = require('node:crypto');

const fastify = require('fastify')({ logger: false });
const Redis = require('ioredis');
const { verify } = require('jsonwebtoken');
const pino = require('pino');

const env = process.env;
const key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
const verifyOptions = { algorithms: ['HS256'], issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
const redis = new Redis(env.REDIS_URL, { keyPrefix: `${env.KEY_PREFIX}:` });
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
const log = pino(destination);
const cacheKey = 'handwritten:workflow:1';
const WINDOW_MS = 60_000;
const LIMIT = 1_000_000_000;
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

const sameDesign = env.MODE === 'same-design';

// INCRBY, and the window's expiry set when it starts: answers each counter's total.
redis.defineCommand('hits', {
  lua:
    "local out = {} for i = 1, #KEYS do local n = redis.call('INCRBY', KEYS[i], ARGV[2 * i - 1]) " +
    "if n == tonumber(ARGV[2 * i - 1]) then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end " +
    'out[i] = n end return out',
});

/** same-design: the hits of one turn, by counter key, sent together at its end. */
let turn = null;

function countTurn(counterKey) {
  return new Promise((resolve, reject) => {
    if (turn === null) {
      turn = new Map();
      setImmediate(sendTurn);
    }
    const waiters = turn.get(counterKey);
    if (waiters) waiters.push({ resolve, reject });
    else turn.set(counterKey, [{ resolve, reject }]);
  });
}

function sendTurn() {
  const sent = turn;
  turn = null;
  const keys = [...sent.keys()];
  const args = keys.flatMap((k) => [sent.get(k).length, WINDOW_MS]);
  redis.hits(keys.length, ...keys, ...args).then(
    (totals) =>
      keys.forEach((k, i) => {
        const waiters = sent.get(k);
        waiters.forEach((w, j) => w.resolve(totals[i] - waiters.length + j + 1));
      }),
    (error) => sent.forEach((waiters) => waiters.forEach((w) => w.reject(error))),
  );
}

/** same-design: verified tokens by their text, and the in-process tier of the cache. */
const verified = new Map();
const local = new Map();
const LOCAL_TTL_MS = 300_000;

function claimsOf(token) {
  if (sameDesign) {
    const known = verified.get(token);
    if (known && Date.now() / 1000 < known.exp) return known;
  }
  const claims = verify(token, key, verifyOptions);
  if (sameDesign) {
    if (verified.size >= 10_000) verified.delete(verified.keys().next().value);
    verified.set(token, claims);
  }
  return claims;
}

async function cachedWorkflow(cacheEntryKey) {
  const hit = local.get(cacheEntryKey);
  if (hit && hit.until > Date.now()) return hit.json;
  const json = await redis.get(cacheEntryKey);
  if (json !== null) local.set(cacheEntryKey, { json, until: Date.now() + LOCAL_TTL_MS });
  return json;
}

function fail(reply, status, message) {
  reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(`{"payload":null,"message":${JSON.stringify(message)},"is_error":true}`);
}

fastify.addHook('onRequest', (request, reply, done) => {
  request.started = performance.now();
  request.requestId = randomUUID();
  reply.header('x-request-id', request.requestId);
  done();
});

fastify.addHook('onResponse', (request, reply, done) => {
  log.info(
    {
      request_id: request.requestId,
      user_id: request.userId,
      req: { method: request.method, url: request.url },
      res: { status: reply.statusCode },
      duration_ms: Math.round((performance.now() - request.started) * 100) / 100,
    },
    'request completed',
  );
  done();
});

fastify.get('/api/v1/workflows/:id', async (request, reply) => {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  let claims;
  try {
    claims = claimsOf(token ?? '');
  } catch {
    return fail(reply, 401, 'Authentication required');
  }
  request.userId = claims.sub;
  const counterKey = `rl:user:${claims.sub}:${Math.floor(Date.now() / WINDOW_MS)}`;
  const entryKey = request.params.id === '1' ? cacheKey : `${cacheKey}:missing`;
  let hits;
  let cached;
  if (sameDesign) {
    hits = await countTurn(counterKey);
    cached = await cachedWorkflow(entryKey);
  } else {
    const [[countError, totals], [readError, json]] = await redis
      .pipeline()
      .hits(1, counterKey, 1, WINDOW_MS)
      .get(entryKey)
      .exec();
    if (countError || readError) return fail(reply, 503, 'Redis did not answer');
    hits = totals[0];
    cached = json;
  }
  if (hits > LIMIT) return fail(reply, 429, 'Too many requests');
  if (cached === null) return fail(reply, 404, 'Workflow not found');
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .send(`{"payload":${cached},"message":"Success","is_error":false}`);
  return reply;
});

fastify.get('/ready', (_request, reply) => {
  reply.send({ ok: true });
});

redis
  .set(cacheKey, env.PAYLOAD)
  .then(() => fastify.listen({ port: Number(env.PORT), host: '127.0.0.1' }))
  .then(() => process.stdout.write('hand-written endpoint listening\n'));

process.on('SIGTERM', () => {
  destination.flushSync();
  redis.disconnect();
  process.exit(0);
});
