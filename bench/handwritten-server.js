'use strict';
/**
 * Issue 8's yardstick for the cached read, measured in the same run as the API: a careful
 * hand-written Fastify endpoint doing the same work as `GET /api/v1/workflows/{id}` on a cache hit,
 * with no framework around it. Per request: the bearer token verified with a KeyObject
 * (jsonwebtoken, HS256, issuer, audience, expiry), a fixed-window rate-limit counter and the cached
 * workflow read from Redis in one round trip (both commands in one pipeline), the envelope built
 * around the cached JSON text, one JSON log line (pino, asynchronous destination) and a request id.
 * The issue puts such an endpoint at 0.23–0.25 of the bare baseline; matching it means the
 * framework costs nothing.
 *
 * Environment: PORT, REDIS_URL, KEY_PREFIX, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, PAYLOAD (the
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
const log = pino(pino.destination({ dest: 1, sync: false, minLength: 4096 }));
const cacheKey = 'handwritten:workflow:1';
const WINDOW_MS = 60_000;
const LIMIT = 1_000_000_000;
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

// INCR, and the window's expiry set on its first hit: one script, one round trip with the read.
redis.defineCommand('hit', {
  numberOfKeys: 1,
  lua: "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n",
});

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
    claims = verify(token ?? '', key, verifyOptions);
  } catch {
    return fail(reply, 401, 'Authentication required');
  }
  request.userId = claims.sub;
  const window = Math.floor(Date.now() / WINDOW_MS);
  const [[, hits], [, cached]] = await redis
    .pipeline()
    .hit(`rl:user:${claims.sub}:${window}`, WINDOW_MS)
    .get(request.params.id === '1' ? cacheKey : `${cacheKey}:missing`)
    .exec();
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
  log.flush();
  redis.disconnect();
  process.exit(0);
});
