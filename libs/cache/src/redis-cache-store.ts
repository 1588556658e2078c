import { EventEmitter } from 'node:events';

import type Redis from 'ioredis';
import Keyv, { type KeyvStoreAdapter, type StoredData } from 'keyv';

import type { AppConfig } from '@app/core';

/** The cache's Redis keys live under `<REDIS_KEY_PREFIX>:cache::<kind>:<id>`. */
export function cacheNamespace(config: AppConfig): string {
  return `${config.REDIS_KEY_PREFIX}:cache`;
}

/**
 * Keyv's storage contract on the process's shared ioredis connection. Keyv (what cache-manager 7
 * stores through) serialises values and computes TTLs; this adapter only reads and writes strings
 * under the cache namespace. It replaces @keyv/redis, which brought a second Redis client library
 * (node-redis, ~7 MB of the idle process) and a second connection for the same server.
 */
export class IoRedisKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: Record<string, unknown> = {};
  namespace?: string;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const raw = await this.client.get(this.redisKey(key));
    return (raw ?? undefined) as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (ttl && ttl > 0) await this.client.set(this.redisKey(key), text, 'PX', Math.ceil(ttl));
    else await this.client.set(this.redisKey(key), text);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.redisKey(key))) > 0;
  }

  /** Deletes the cache's keys only (never Bull's or the rate limiter's), in batches. */
  async clear(): Promise<void> {
    const stream = this.client.scanStream({ match: `${this.prefix}::*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await this.client.unlink(...keys);
    }
  }

  private redisKey(key: string): string {
    return `${this.prefix}::${key}`;
  }
}

/**
 * The Redis store behind @nestjs/cache-manager (cache-manager 7 takes Keyv stores; decision 026).
 * Errors are thrown to the caller (AppCache answers from the database then) and reported through
 * `onError`. The connection is the shared one: while Redis is down AppCache does not call it.
 */
export function createRedisCacheStore(
  config: AppConfig,
  client: Redis,
  onError: (error: Error) => void,
): Keyv {
  const keyv = new Keyv({
    store: new IoRedisKeyvStore(client, cacheNamespace(config)),
    useKeyPrefix: false,
    throwOnErrors: true,
  });
  keyv.on('error', onError);
  return keyv;
}
