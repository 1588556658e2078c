import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

import { RedisConnection, withTimeout } from '@app/cache';
import { AppConfig } from '@app/core';

import { EvalShaThrottlerStorage } from './evalsha-throttler.storage';

/** While Redis failed within this many ms, counters go to the in-process store without trying it. */
const RETRY_REDIS_AFTER_MS = 2000;

/**
 * Rate-limit counters in Redis (shared by every API instance: one EVALSHA, i.e. one round trip, per
 * counter; ioredis auto-pipelining batches concurrent ones), or in process memory when REDIS_URL
 * is not set. If Redis fails or is slow at run time, counting continues in memory (per instance)
 * with one warning per outage, and returns to Redis by itself: an outage never turns into 500s.
 */
@Injectable()
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new ThrottlerStorageService();
  private readonly redisStore?: EvalShaThrottlerStorage;
  private redisDownSince?: number;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {
    if (redis.client) this.redisStore = new EvalShaThrottlerStorage(redis.client);
    else this.logger.warn('REDIS_URL is not set: rate limits are counted per process');
  }

  get shared(): boolean {
    return this.redisStore !== undefined && this.redisDownSince === undefined;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.redisStore && this.redisUsable()) {
      try {
        const record = await withTimeout(
          this.redisStore.increment(key, ttl, limit, blockDuration, throttlerName),
          this.config.CACHE_REDIS_TIMEOUT_MS,
          'rate-limit counter',
        );
        if (this.redisDownSince !== undefined) {
          this.redisDownSince = undefined;
          this.logger.log('Redis available again: rate limits are shared again');
        }
        return record;
      } catch (error) {
        if (this.redisDownSince === undefined) {
          this.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'Redis unavailable: counting rate limits per process until it is back',
          );
        }
        this.redisDownSince = Date.now();
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }

  private redisUsable(): boolean {
    if (this.redis.client?.status !== 'ready') {
      if (this.redisDownSince === undefined) this.redisDownSince = Date.now();
      return false;
    }
    return (
      this.redisDownSince === undefined || Date.now() - this.redisDownSince > RETRY_REDIS_AFTER_MS
    );
  }
}
