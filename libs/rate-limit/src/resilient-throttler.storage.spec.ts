import Redis from 'ioredis';

import { RedisConnection } from '@app/cache';
import { AppConfig } from '@app/core';

import { ResilientThrottlerStorage } from './resilient-throttler.storage';

/** A real (never connected) ioredis client whose status and rate-limit command the test decides. */
function fakeClient(status: string, call: jest.Mock): Redis {
  const client = new Redis({ lazyConnect: true });
  Object.defineProperty(client, 'status', { value: status });
  (client as unknown as { quorumRateCounts: jest.Mock }).quorumRateCounts = call;
  return client;
}

describe('ResilientThrottlerStorage', () => {
  const config = new AppConfig();

  it('counts in process memory without Redis', async () => {
    const storage = new ResilientThrottlerStorage(config, {
      client: undefined,
    } as unknown as RedisConnection);
    const first = await storage.increment('k', 60_000, 2, 60_000, 'anon');
    const second = await storage.increment('k', 60_000, 2, 60_000, 'anon');
    const third = await storage.increment('k', 60_000, 2, 60_000, 'anon');
    expect([first.totalHits, second.totalHits]).toEqual([1, 2]);
    expect(third.isBlocked).toBe(true);
    expect(storage.isShared).toBe(false);
    storage.onApplicationShutdown();
  });

  it('falls back to memory while Redis is not connected, instead of failing the request', async () => {
    const call = jest.fn();
    const client = fakeClient('reconnecting', call);
    const storage = new ResilientThrottlerStorage(config, {
      client,
    } as unknown as RedisConnection);
    const record = await storage.increment('k', 60_000, 5, 60_000, 'user');
    expect(record.totalHits).toBe(1);
    expect(call).not.toHaveBeenCalled();
    storage.onApplicationShutdown();
  });

  it('asks Redis with one command for the counters of a turn and reads its answer', async () => {
    const call = jest.fn().mockResolvedValue([3, 59_500, 0, 0]);
    const storage = new ResilientThrottlerStorage(config, {
      client: fakeClient('ready', call),
    } as unknown as RedisConnection);
    const record = await storage.increment('q:rl:u:7', 60_000, 5, 60_000, 'user');
    expect(call).toHaveBeenCalledWith(
      2,
      '{q:rl:u:7:user}:hits',
      '{q:rl:u:7:user}:blocked',
      60_000,
      5,
      60_000,
      1,
    );
    expect(record).toEqual({
      totalHits: 3,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(storage.isShared).toBe(true);
    storage.onApplicationShutdown();
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('boom'))],
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
  ])('falls back to memory when a Redis call %s', async (_case, fails) => {
    const call = jest.fn(fails);
    const client = fakeClient('ready', call);
    const storage = new ResilientThrottlerStorage(config, {
      client,
    } as unknown as RedisConnection);
    const record = await storage.increment('k', 60_000, 5, 60_000, 'user');
    expect(record.totalHits).toBe(1);
    expect(call).toHaveBeenCalledTimes(1);
    // Within the retry pause Redis is not asked again.
    await storage.increment('k', 60_000, 5, 60_000, 'user');
    expect(call).toHaveBeenCalledTimes(1);
    storage.onApplicationShutdown();
  });
});
