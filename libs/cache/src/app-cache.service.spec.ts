import type { Cache } from 'cache-manager';

import { AppConfig } from '@app/core';
import { MetricsService } from '@app/observability';

import { AppCache, CACHE_MAX_VALUE_BYTES } from './app-cache.service';
import { cacheKey } from './cache-keys';
import { RedisConnection } from './redis-connection';

function fakeStore(): Cache & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: jest.fn(async (k: string) => data.get(k)),
    set: jest.fn(async (k: string, v: unknown) => {
      data.set(k, v);
      return v;
    }),
    del: jest.fn(async (k: string) => data.delete(k)),
  } as unknown as Cache & { data: Map<string, unknown> };
}

/** A loader that answers `value` once released: a load still running while the test acts. */
function heldLoad<T>(value: T): { load: jest.Mock<Promise<T>, []>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const load = jest.fn(async () => {
    await gate;
    return value;
  });
  return { load, release };
}

/** A connected Redis as far as AppCache looks at one outside onModuleInit. */
const readyRedis = {
  client: { status: 'ready', publish: jest.fn(async () => 0) },
} as unknown as RedisConnection;

function make(store = fakeStore(), redis = { client: undefined } as unknown as RedisConnection) {
  const config = new AppConfig();
  const metrics = { cacheHit: jest.fn(), cacheMiss: jest.fn() } as unknown as MetricsService;
  return { cache: new AppCache(config, redis, metrics, store), metrics, store };
}

const key = cacheKey<{ n: number } | null>('workflow', '1');

describe('AppCache', () => {
  it('loads once, then answers from memory, counting a miss and a hit', async () => {
    const { cache, metrics } = make();
    const load = jest.fn(async () => ({ n: 1 }));
    expect(await cache.getOrLoad(key, load)).toEqual({ n: 1 });
    expect(await cache.getOrLoad(key, load)).toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(metrics.cacheMiss).toHaveBeenCalledWith('workflow');
    expect(metrics.cacheHit).toHaveBeenCalledWith('workflow');
  });

  it('peek answers from the in-process tier only, synchronously, counting hits but not misses', async () => {
    const { cache, metrics } = make();
    expect(cache.peek(key)).toBeUndefined();
    expect(metrics.cacheMiss).not.toHaveBeenCalled();
    await cache.getOrLoad(key, async () => ({ n: 3 }));
    expect(cache.peek(key)).toEqual({ n: 3 });
    expect(metrics.cacheHit).toHaveBeenCalledTimes(1);
    expect(metrics.cacheMiss).toHaveBeenCalledTimes(1);
    await cache.invalidate(key);
    expect(cache.peek(key)).toBeUndefined();
  });

  it('peekOrLoad answers a hit with the value itself and a miss with a promise of it', async () => {
    const { cache } = make();
    const load = jest.fn(async () => ({ n: 4 }));
    const miss = cache.peekOrLoad(key, load);
    expect(miss).toBeInstanceOf(Promise);
    expect(await miss).toEqual({ n: 4 });
    expect(cache.peekOrLoad(key, load)).toEqual({ n: 4 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache null or values over 1 MB', async () => {
    const { cache } = make();
    const none = jest.fn(async () => null);
    await cache.getOrLoad(key, none);
    await cache.getOrLoad(key, none);
    expect(none).toHaveBeenCalledTimes(2);

    const big = cacheKey<{ s: string }>('tag', 'big');
    const load = jest.fn(async () => ({ s: 'x'.repeat(CACHE_MAX_VALUE_BYTES) }));
    await cache.getOrLoad(big, load);
    await cache.getOrLoad(big, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a value loaded while an invalidation happened (no stale refill)', async () => {
    const { cache } = make();
    const { load, release } = heldLoad({ n: 1 }); // read before the writer committed
    const pending = cache.getOrLoad(key, load);
    await cache.invalidate(key); // the writer's commit
    release();
    expect(await pending).toEqual({ n: 1 });
    expect(await cache.getOrLoad(key, async () => ({ n: 2 }))).toEqual({ n: 2 });
  });

  it('answers concurrent misses of one key with one Redis read and one load, frozen', async () => {
    const { cache, store, metrics } = make(fakeStore(), readyRedis);
    const { load, release } = heldLoad({ n: 5 });
    const first = cache.getOrLoad(key, load);
    const others = [cache.getOrLoad(key, load), cache.getOrLoad(key, load)];
    release();
    const values = await Promise.all([first, ...others]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(values).toEqual([{ n: 5 }, { n: 5 }, { n: 5 }]);
    expect(values[1]).toBe(values[0]);
    expect(Object.isFrozen(values[0])).toBe(true);
    expect(metrics.cacheMiss).toHaveBeenCalledTimes(3);
    expect(store.get).toHaveBeenCalledTimes(1);
    expect(store.set).toHaveBeenCalledTimes(1);
    // Once answered, the next miss of the key (here after an invalidation) loads again.
    await cache.invalidate(key);
    expect(await cache.getOrLoad(key, async () => ({ n: 6 }))).toEqual({ n: 6 });
  });

  it('does not let a miss that starts after an invalidation wait for a load from before it', async () => {
    const { cache } = make();
    const { load, release } = heldLoad({ n: 1 }); // read before the writer committed
    const before = cache.getOrLoad(key, load);
    await cache.invalidate(key); // the writer's commit
    const after = cache.getOrLoad(key, async () => ({ n: 2 })); // the writer reads its own write
    expect(await after).toEqual({ n: 2 });
    release();
    expect(await before).toEqual({ n: 1 });
    expect(await cache.getOrLoad(key, async () => ({ n: 3 }))).toEqual({ n: 2 });
  });

  it('fails the misses waiting on a load that fails, and loads again on the next miss', async () => {
    const { cache } = make();
    let fail!: (error: Error) => void;
    const outcome = new Promise<{ n: number }>((_resolve, reject) => (fail = reject));
    const failing = jest.fn(() => outcome);
    const first = cache.getOrLoad(key, failing);
    const joined = cache.getOrLoad(key, failing);
    fail(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await expect(joined).rejects.toThrow('database down');
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await cache.getOrLoad(key, async () => ({ n: 7 }))).toEqual({ n: 7 });
  });

  it('invalidates after commit only, and forgets on rollback', async () => {
    const { cache } = make();
    await cache.getOrLoad(key, async () => ({ n: 1 }));
    const queryRunner = { isTransactionActive: true, data: {} };
    const manager = { queryRunner } as never;
    cache.invalidateAfterCommit(manager, key);
    expect(await cache.getOrLoad(key, async () => ({ n: 2 }))).toEqual({ n: 1 });
    await cache.afterTransactionCommit({ queryRunner } as never);
    expect(await cache.getOrLoad(key, async () => ({ n: 3 }))).toEqual({ n: 3 });

    cache.invalidateAfterCommit(manager, key);
    cache.afterTransactionRollback({ queryRunner } as never);
    await cache.afterTransactionCommit({ queryRunner } as never);
    expect(await cache.getOrLoad(key, async () => ({ n: 4 }))).toEqual({ n: 3 });
  });

  it('loads many keys with one call for the missing ones, then from memory', async () => {
    const { cache, metrics } = make();
    const keys = ['1', '2', '3'].map((id) => cacheKey<{ n: number }>('workflow', id));
    const load = jest.fn(async (missing: typeof keys) => {
      // "3" does not exist: it is left out, and asked for again next time.
      return new Map(missing.filter((k) => k.name !== 'workflow:3').map((k) => [k.name, { n: 1 }]));
    });
    await cache.getOrLoad(keys[0], async () => ({ n: 0 }));
    const first = await cache.getManyOrLoad(keys, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0][0].map((k) => k.name)).toEqual(['workflow:2', 'workflow:3']);
    expect([...first.entries()]).toEqual([
      ['workflow:1', { n: 0 }],
      ['workflow:2', { n: 1 }],
    ]);
    const second = await cache.getManyOrLoad(keys, load);
    expect(load.mock.calls[1][0].map((k) => k.name)).toEqual(['workflow:3']);
    expect(second.size).toBe(2);
    expect(metrics.cacheMiss).toHaveBeenCalledTimes(4);
  });

  describe('getManyOrLoad under concurrent misses', () => {
    type Value = { n: number };
    const keysOf = (...ids: string[]) => ids.map((id) => cacheKey<Value>('workflow', id));
    const namesOf = (keys: { name: string }[]) => keys.map((k) => k.name);

    /** A batch loader held until released; finds every key but the ids in `absent`. */
    function heldBatch(...absent: string[]) {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const load = jest.fn(async (missing: { name: string }[]) => {
        await gate;
        return new Map<string, Value>(
          missing
            .filter((k) => !absent.some((id) => k.name === `workflow:${id}`))
            .map((k) => [k.name, { n: Number(k.name.split(':')[1]) }]),
        );
      });
      return { load, release };
    }

    it('loads a key another batch is loading once, and each batch only its own keys', async () => {
      const { cache, store, metrics } = make(fakeStore(), readyRedis);
      const first = heldBatch();
      const second = heldBatch();
      const a = cache.getManyOrLoad(keysOf('1', '2'), first.load);
      const b = cache.getManyOrLoad(keysOf('2', '3'), second.load);
      first.release();
      second.release();
      const [fromA, fromB] = await Promise.all([a, b]);
      expect(first.load).toHaveBeenCalledTimes(1);
      expect(namesOf(first.load.mock.calls[0][0])).toEqual(['workflow:1', 'workflow:2']);
      expect(namesOf(second.load.mock.calls[0][0])).toEqual(['workflow:3']);
      expect([...fromA.entries()]).toEqual([
        ['workflow:1', { n: 1 }],
        ['workflow:2', { n: 2 }],
      ]);
      expect([...fromB.entries()]).toEqual([
        ['workflow:2', { n: 2 }],
        ['workflow:3', { n: 3 }],
      ]);
      expect(fromB.get('workflow:2')).toBe(fromA.get('workflow:2'));
      expect(Object.isFrozen(fromA.get('workflow:2'))).toBe(true);
      expect(store.get).toHaveBeenCalledTimes(3); // one Redis read per key, not per request
      expect(metrics.cacheMiss).toHaveBeenCalledTimes(4);
    });

    it('asks for a key named twice in one call once', async () => {
      const { cache } = make();
      const load = jest.fn(
        async (missing: { name: string }[]) => new Map(missing.map((k) => [k.name, { n: 1 }])),
      );
      const found = await cache.getManyOrLoad(keysOf('1', '1', '2'), load);
      expect(namesOf(load.mock.calls[0][0])).toEqual(['workflow:1', 'workflow:2']);
      expect(found.size).toBe(2);
    });

    it('lets getOrLoad wait for a batch that finds the key, and load itself where it did not', async () => {
      const { cache } = make();
      const batch = heldBatch('2');
      const many = cache.getManyOrLoad(keysOf('1', '2'), batch.load);
      const single = jest.fn(async () => ({ n: 10 }));
      const one = cache.getOrLoad(keysOf('1')[0], single);
      const absent = jest.fn(async () => null);
      const two = cache.getOrLoad(cacheKey<Value | null>('workflow', '2'), absent);
      batch.release();
      const found = await many;
      expect(await one).toBe(found.get('workflow:1'));
      expect(single).not.toHaveBeenCalled();
      expect(await two).toBeNull();
      expect(absent).toHaveBeenCalledTimes(1); // its own answer for a key the batch lacked
      expect(found.has('workflow:2')).toBe(false);
    });

    it('lets a batch wait for a getOrLoad of one of its keys, null being absent', async () => {
      const { cache } = make();
      const one = heldLoad<Value | null>({ n: 1 });
      const none = heldLoad<Value | null>(null);
      const k1 = cacheKey<Value | null>('workflow', '1');
      const k2 = cacheKey<Value | null>('workflow', '2');
      const single1 = cache.getOrLoad(k1, one.load);
      const single2 = cache.getOrLoad(k2, none.load);
      const batch = jest.fn(
        async (missing: { name: string }[]) => new Map(missing.map((k) => [k.name, { n: 3 }])),
      );
      const many = cache.getManyOrLoad([k1, k2, cacheKey<Value | null>('workflow', '3')], batch);
      one.release();
      none.release();
      const found = await many;
      expect(namesOf(batch.mock.calls[0][0])).toEqual(['workflow:3']);
      expect([...found.keys()]).toEqual(['workflow:1', 'workflow:3']);
      expect(found.get('workflow:1')).toBe(await single1);
      expect(await single2).toBeNull();
    });

    it('fails the calls waiting on a batch that fails, and loads again on the next call', async () => {
      const { cache } = make();
      let fail!: (error: Error) => void;
      const outcome = new Promise<Map<string, Value>>((_resolve, reject) => (fail = reject));
      const failing = jest.fn(() => outcome);
      const first = cache.getManyOrLoad(keysOf('1', '2'), failing);
      const joined = cache.getManyOrLoad(keysOf('2'), failing);
      const single = cache.getOrLoad(keysOf('1')[0], async () => ({ n: 0 }));
      fail(new Error('database down'));
      await expect(first).rejects.toThrow('database down');
      await expect(joined).rejects.toThrow('database down');
      await expect(single).rejects.toThrow('database down');
      expect(failing).toHaveBeenCalledTimes(1);
      const again = jest.fn(
        async (missing: { name: string }[]) => new Map(missing.map((k) => [k.name, { n: 9 }])),
      );
      expect((await cache.getManyOrLoad(keysOf('1', '2'), again)).size).toBe(2);
      expect(again).toHaveBeenCalledTimes(1);
    });

    it('does not let a batch that starts after an invalidation wait for a load from before it', async () => {
      const { cache } = make();
      const before = heldBatch();
      const stale = cache.getManyOrLoad(keysOf('1'), before.load);
      await cache.invalidate(keysOf('1')[0]); // the writer's commit
      const after = jest.fn(
        async (missing: { name: string }[]) => new Map(missing.map((k) => [k.name, { n: 2 }])),
      );
      expect((await cache.getManyOrLoad(keysOf('1'), after)).get('workflow:1')).toEqual({ n: 2 });
      before.release();
      expect((await stale).get('workflow:1')).toEqual({ n: 1 });
      // The stale load did not refill the cache over the fresh value.
      expect(cache.peek(keysOf('1')[0])).toEqual({ n: 2 });
    });
  });

  it('does not cache kinds whose TTL is 0', async () => {
    const config = new AppConfig();
    config.CACHE_TTL_WORKFLOW_S = 0;
    const cache = new AppCache(
      config,
      { client: undefined } as unknown as RedisConnection,
      { cacheHit: jest.fn(), cacheMiss: jest.fn() } as unknown as MetricsService,
      fakeStore(),
    );
    const load = jest.fn(async () => ({ n: 1 }));
    await cache.getOrLoad(key, load);
    await cache.getOrLoad(key, load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.peek(key)).toBeUndefined();
    // A loader that throws before returning its promise still rejects, as on a cached kind.
    const throwing = (): Promise<{ n: number }> => {
      throw new Error('no connection');
    };
    await expect(cache.getOrLoad(key, throwing)).rejects.toThrow('no connection');
    await expect(make().cache.getOrLoad(key, throwing)).rejects.toThrow('no connection');
  });
});
