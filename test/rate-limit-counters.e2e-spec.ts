import { randomUUID } from 'node:crypto';
import { AddressInfo, createServer, Socket } from 'node:net';

import Redis from 'ioredis';

import { BatchedRateCounters, CounterSpec, RedisRateCounter } from '@app/rate-limit';

import { assertRedisAvailable, TEST_REDIS_URL } from './support/redis';

/** The counter script and the batching mode (decision 034) against a real Redis. */
describe('rate-limit counters on Redis (e2e)', () => {
  let redis: Redis;
  let counter: RedisRateCounter;
  const prefix = `e2e-rlc-${randomUUID().slice(0, 8)}`;
  const spec = (name: string, limit: number, ttlMs = 60_000): CounterSpec => ({
    hitKey: `{${prefix}:${name}}:hits`,
    blockKey: `{${prefix}:${name}}:blocked`,
    ttlMs,
    limit,
    blockMs: ttlMs,
  });

  beforeAll(async () => {
    await assertRedisAvailable();
    redis = new Redis(TEST_REDIS_URL);
    counter = new RedisRateCounter(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('adds several hits at once, sets the window once and blocks past the limit', async () => {
    const s = spec('script', 10);
    const first = await counter.add(s, 4);
    expect(first).toMatchObject({ totalHits: 4, blocked: false, blockTtlMs: 0 });
    expect(first.ttlMs).toBeGreaterThan(59_000);
    expect((await counter.add(s, 6)).totalHits).toBe(10);
    const over = await counter.add(s, 1);
    expect(over).toMatchObject({ totalHits: 11, blocked: true });
    expect(over.blockTtlMs).toBeGreaterThan(59_000);
    expect(Number(await redis.pttl(s.hitKey))).toBeGreaterThan(0);
    expect(await redis.get(s.blockKey)).toBe('1');
  });

  it('starts the window again once the block has ended', async () => {
    const s = spec('unblock', 1, 200);
    await counter.add(s, 2);
    expect((await counter.add(s, 1)).blocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await counter.add(s, 1);
    expect(after).toMatchObject({ totalHits: 1, blocked: false });
  });

  it('counts the counters asked for in one turn with one Redis call, each in order', async () => {
    const a = spec('turn-a', 3);
    const b = spec('turn-b', 100);
    // Commands this client sends (other suites share the Redis server, so its stats would not do).
    const sent = jest.spyOn(redis, 'sendCommand');
    const answers = await Promise.all([
      counter.add(a, 1),
      counter.add(b, 5),
      counter.add(a, 1),
      counter.add(a, 1),
      counter.add(a, 1),
    ]);
    expect(answers.map((x) => [x.totalHits, x.blocked])).toEqual([
      [1, false],
      [5, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(sent).toHaveBeenCalledTimes(1);
    // The next turn is another call.
    await counter.add(b, 1);
    expect(sent).toHaveBeenCalledTimes(2);
    sent.mockRestore();
  });

  it('writes the call of a turn at the end of that turn, also on an auto-pipelining client', async () => {
    // The app's connection auto-pipelines; ioredis would hold the call for another turn.
    const client = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true });
    try {
      await client.ping();
      const own = new RedisRateCounter(client);
      const sent = jest.spyOn(client, 'sendCommand');
      const answer = own.add(spec('same-turn', 10), 1);
      // Queued after the counter's own end-of-turn callback: runs right after it.
      await new Promise((resolve) => setImmediate(resolve));
      expect(sent).toHaveBeenCalledTimes(1);
      expect((await answer).totalHits).toBe(1);
      // Other commands keep auto-pipelining.
      expect(client.options.autoPipeliningIgnoredCommands).toEqual(['quorumRateCounts']);
    } finally {
      client.disconnect();
    }
  });

  it('splits a large turn into calls of at most 256 counters, every counter answered', async () => {
    const sent = jest.spyOn(redis, 'sendCommand');
    const answers = await Promise.all(
      Array.from({ length: 600 }, (_, i) => counter.add(spec(`wide-${i % 3}`, 1000), 1)),
    );
    expect(sent).toHaveBeenCalledTimes(3);
    sent.mockRestore();
    const finals = [0, 1, 2].map((k) =>
      Math.max(...answers.filter((_, i) => i % 3 === k).map((a) => a.totalHits)),
    );
    expect(finals).toEqual([200, 200, 200]);
    expect(answers.every((a) => !a.blocked)).toBe(true);
  });

  it('fails every counter of a batch when Redis does not answer in time', async () => {
    // A peer that accepts the connection and never answers: the call waits for ever.
    const peers: Socket[] = [];
    const silent = createServer((socket) => peers.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    // No ready check: its INFO would fail when the peer goes, and ioredis then disconnects again
    // with a 2 s timer on a stream already closed, which would keep Jest's worker alive.
    const stuck = new Redis({
      host: '127.0.0.1',
      port,
      maxRetriesPerRequest: null,
      enableReadyCheck: false,
    });
    stuck.on('error', () => undefined);
    try {
      const slow = new RedisRateCounter(stuck, 50);
      const started = Date.now();
      const outcomes = await Promise.allSettled([
        slow.add(spec('t1', 5), 1),
        slow.add(spec('t2', 5), 1),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/longer than 50 ms/);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      stuck.disconnect();
      // The peer never reads, so it would never see the client's end: close its side too, or the
      // two sockets outlive the suite and keep Jest's worker from exiting.
      for (const socket of peers) socket.destroy();
      silent.close();
    }
  });

  it('in batching mode, two instances share one count in Redis and the 101st hit is refused', async () => {
    const s = spec('batched', 100);
    let calls = 0;
    const add = (x: CounterSpec, n: number) => {
      calls++;
      return counter.add(x, n);
    };
    const fail = (error: unknown) => {
      throw error;
    };
    const a = new BatchedRateCounters(add, 20, fail);
    const b = new BatchedRateCounters(add, 20, fail);
    const answers = [];
    for (let i = 0; i < 101; i++) answers.push(await (i % 2 === 0 ? a : b).increment(s));
    a.flush();
    b.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Number(await redis.get(s.hitKey))).toBe(101);
    expect(answers.slice(0, 100).every((r) => !r.isBlocked)).toBe(true);
    expect(answers[100].isBlocked).toBe(true);
    // The first half of the budget was counted in process: far fewer calls than hits.
    expect(calls).toBeLessThan(60);
  });
});
