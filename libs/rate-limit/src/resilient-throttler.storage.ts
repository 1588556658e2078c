import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

import { RedisConnection, RedisOutage } from '@app/cache';
import { AppConfig, isPromise, MaybePromise } from '@app/core';

import { BatchedRateCounters } from './batched-rate-counters';
import { CounterSpec, RedisRateCounter } from './redis-rate-counter';

/**
 * Rate-limit counters in Redis, shared by every API instance (BatchedRateCounters: every hit asked
 * of Redis, the hits of one event-loop turn in one call; with RATE_LIMIT_BATCH_MS most hits counted
 * in process and sent in batches), or in process memory when REDIS_URL is not set. If Redis fails
 * or is slow at run time, counting continues in memory (per instance) with one warning per outage,
 * and returns to Redis by itself: an outage never turns into 500s.
 */
@Injectable()
export class ResilientThrottlerStorage implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new ThrottlerStorageService();
  private readonly shared?: BatchedRateCounters;
  private readonly outage: RedisOutage;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {
    this.outage = new RedisOutage(
      this.logger,
      {
        down: 'Redis unavailable: counting rate limits per process until it is back',
        back: 'Redis available again: rate limits are shared again',
      },
      // Counts moved on without us: start from what Redis says.
      () => this.shared?.clear(),
    );
    if (redis.client) {
      const counter = new RedisRateCounter(redis.client, config.CACHE_REDIS_TIMEOUT_MS);
      this.shared = new BatchedRateCounters(
        (spec, amount) => counter.add(spec, amount),
        config.RATE_LIMIT_BATCH_MS,
        (error) => this.outage.failed(error),
      );
    } else {
      this.logger.warn('REDIS_URL is not set: rate limits are counted per process');
    }
  }

  /** Counters are shared through Redis right now. */
  get isShared(): boolean {
    return this.shared !== undefined && !this.outage.isDown;
  }

  /**
   * Counts one hit on `key` for the named throttler. Answers synchronously when the hit was
   * counted in process, so the guard does not wait on anything.
   */
  increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
    throttlerName: string,
  ): MaybePromise<ThrottlerStorageRecord> {
    if (this.shared && this.redisUsable()) {
      const spec: CounterSpec = {
        hitKey: `{${key}:${throttlerName}}:hits`,
        blockKey: `{${key}:${throttlerName}}:blocked`,
        ttlMs,
        limit,
        blockMs,
      };
      const counted = this.shared.increment(spec);
      if (!isPromise(counted)) return counted;
      return counted.then(
        (record) => {
          this.outage.recovered();
          return record;
        },
        (error: unknown) => {
          this.outage.failed(error);
          return this.memory.increment(key, ttlMs, limit, blockMs, throttlerName);
        },
      );
    }
    return this.memory.increment(key, ttlMs, limit, blockMs, throttlerName);
  }

  /** Sends the hits counted since the last batch before the Redis connection closes. */
  beforeApplicationShutdown(): void {
    this.shared?.flush();
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }

  private redisUsable(): boolean {
    if (this.redis.client?.status !== 'ready') {
      // Not connected (yet): counted in memory, with no warning until a call actually fails.
      this.outage.markDown();
      return false;
    }
    return !this.outage.pausing;
  }
}
