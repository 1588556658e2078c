import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

import { BatchedRateCounters, MIN_BATCHED_LIMIT } from './batched-rate-counters';
import type { CounterSpec, CounterState } from './redis-rate-counter';

/** The Lua script's fixed window, in memory: what Redis would answer (no blocks needed here). */
class FakeRedis {
  readonly calls: { key: string; amount: number }[] = [];
  private readonly hits = new Map<string, { total: number; endsAt: number }>();
  now = 1_000_000;
  fail = false;

  add = async (spec: CounterSpec, amount: number): Promise<CounterState> => {
    this.calls.push({ key: spec.hitKey, amount });
    if (this.fail) throw new Error('redis down');
    let entry = this.hits.get(spec.hitKey);
    if (!entry || entry.endsAt <= this.now) {
      entry = { total: 0, endsAt: this.now + spec.ttlMs };
      this.hits.set(spec.hitKey, entry);
    }
    entry.total += amount;
    const blocked = entry.total > spec.limit;
    return {
      totalHits: entry.total,
      ttlMs: entry.endsAt - this.now,
      blocked,
      blockTtlMs: blocked ? spec.blockMs : 0,
    };
  };

  total(key: string): number {
    return this.hits.get(key)?.total ?? 0;
  }
}

const spec = (limit: number, hitKey = 'h'): CounterSpec => ({
  hitKey,
  blockKey: `${hitKey}:blocked`,
  ttlMs: 60_000,
  limit,
  blockMs: 60_000,
});

async function hit(counters: BatchedRateCounters, s: CounterSpec): Promise<ThrottlerStorageRecord> {
  return counters.increment(s);
}

/** A hit that must be counted in process (answered synchronously). */
function countHere(counters: BatchedRateCounters, s: CounterSpec): ThrottlerStorageRecord {
  const record = counters.increment(s);
  if (record instanceof Promise) throw new Error('expected a hit counted in process');
  return record;
}

/** Lets the fake's promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedRateCounters', () => {
  let redis: FakeRedis;
  let errors: unknown[];
  let counters: BatchedRateCounters;

  beforeEach(() => {
    redis = new FakeRedis();
    errors = [];
    // A long interval: batches go out when a test flushes, never halfway through one.
    counters = new BatchedRateCounters(redis.add, 60_000, (e) => errors.push(e));
  });
  afterEach(() => counters.clear());

  it('asks Redis for the first hit of a window, then counts in process with the exact total', async () => {
    const s = spec(1000);
    expect((await hit(counters, s)).totalHits).toBe(1);
    expect(redis.calls).toHaveLength(1);

    const second = counters.increment(s);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toMatchObject({ totalHits: 2, isBlocked: false });
    expect((second as ThrottlerStorageRecord).timeToExpire).toBeGreaterThan(0);
    expect(counters.increment(s)).toMatchObject({ totalHits: 3 });
    expect(redis.calls).toHaveLength(1);
  });

  it('sends the hits counted in process in one call per counter', async () => {
    const a = spec(1000, 'a');
    const b = spec(1000, 'b');
    await hit(counters, a);
    await hit(counters, b);
    for (let i = 0; i < 10; i++) countHere(counters, a);
    for (let i = 0; i < 4; i++) countHere(counters, b);
    counters.flush();
    await settle();
    expect(redis.calls.slice(2)).toEqual([
      { key: 'a', amount: 10 },
      { key: 'b', amount: 4 },
    ]);
    expect(redis.total('a')).toBe(11);
    expect(redis.total('b')).toBe(5);
    // Nothing pending: the next flush sends nothing.
    counters.flush();
    await settle();
    expect(redis.calls).toHaveLength(4);
  });

  it('flushes by itself after the batch interval', async () => {
    const timed = new BatchedRateCounters(redis.add, 20, () => undefined);
    const s = spec(1000);
    await hit(timed, s);
    countHere(timed, s);
    countHere(timed, s);
    expect(redis.total('h')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await settle();
    expect(redis.total('h')).toBe(3);
  });

  it('asks Redis for every hit past half the budget and refuses the one over the limit', async () => {
    const limit = MIN_BATCHED_LIMIT;
    const s = spec(limit);
    const answers: ThrottlerStorageRecord[] = [];
    for (let i = 0; i < limit + 1; i++) answers.push(await hit(counters, s));
    expect(answers.map((a) => a.totalHits)).toEqual(
      Array.from({ length: limit + 1 }, (_, i) => i + 1),
    );
    expect(answers[limit - 1].isBlocked).toBe(false);
    expect(answers[limit].isBlocked).toBe(true);
    // The first hit and everything past the first half went to Redis one by one; the in-process
    // hits of the first half travelled along with the first call past it.
    // Here: hit 1 alone, hits 2-50 in process, hit 51 with those 49, hits 52-101 alone.
    expect(redis.calls.map((c) => c.amount)).toEqual([1, 50, ...Array(50).fill(1)]);
    expect(redis.total('h')).toBe(limit + 1);
  });

  it('never counts in process for limits under the minimum (the credential routes)', async () => {
    const s = spec(MIN_BATCHED_LIMIT - 1);
    for (let i = 0; i < 5; i++) expect(counters.increment(s)).toBeInstanceOf(Promise);
    await settle();
    expect(redis.calls).toHaveLength(5);
    // One window per client IP would pile up: small limits keep none.
    expect(counters.size).toBe(0);
  });

  it('asks Redis for every hit when batching is off, and remembers nothing', async () => {
    const exact = new BatchedRateCounters(redis.add, 0, () => undefined);
    const s = spec(1000);
    await hit(exact, s);
    expect(exact.increment(s)).toBeInstanceOf(Promise);
    await settle();
    expect(redis.calls).toHaveLength(2);
    expect(exact.size).toBe(0);
  });

  it('starts a new window with Redis once the old one ends, dropping its unsent hits', async () => {
    const s = spec(1000);
    const start = Date.now();
    await hit(counters, s);
    expect(counters.increment(s, start + 1000)).toMatchObject({ totalHits: 2 });
    redis.now += 61_000;
    const next = await counters.increment(s, start + 61_000);
    expect(next.totalHits).toBe(1);
    expect(redis.calls[redis.calls.length - 1]).toEqual({ key: 'h', amount: 1 });
  });

  it('keeps two instances within one batch of each other and the limit exact once past half', async () => {
    const other = new BatchedRateCounters(redis.add, 60_000, () => undefined);
    const s = spec(200);
    await hit(counters, s);
    await hit(other, s);
    for (let i = 0; i < 30; i++) {
      countHere(counters, s);
      countHere(other, s);
    }
    counters.flush();
    other.flush();
    await settle();
    expect(redis.total('h')).toBe(62);
    // Each now knows the shared count; past half the budget both ask Redis for every hit.
    let refused = 0;
    for (let i = 0; i < 100; i++) {
      const [x, y] = await Promise.all([hit(counters, s), hit(other, s)]);
      refused += Number(x.isBlocked) + Number(y.isBlocked);
    }
    expect(redis.total('h')).toBe(262);
    // Hits 201 to 262 are over the limit: exactly those were refused.
    expect(refused).toBe(62);
    other.clear();
  });

  it('reports a failed batch (its hits are lost to Redis) and a failed call to the caller', async () => {
    const s = spec(1000);
    await hit(counters, s);
    countHere(counters, s);
    redis.fail = true;
    counters.flush();
    await settle();
    expect(errors).toHaveLength(1);
    expect(counters.increment(s)).toMatchObject({ totalHits: 2 });
    await expect(hit(counters, spec(1000, 'new'))).rejects.toThrow('redis down');
  });

  it('forgets ended windows when it sweeps', async () => {
    await hit(counters, spec(1000, 'x'));
    expect(counters.size).toBe(1);
    redis.now += 61_000;
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    try {
      counters.flush();
    } finally {
      jest.restoreAllMocks();
    }
    expect(counters.size).toBe(0);
  });
});
