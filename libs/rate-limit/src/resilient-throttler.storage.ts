import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

import { RedisConnection } from '@app/cache';
import { AppConfig } from '@app/core';

import { BatchedRateCounters } from './batched-rate-counters';
import { CounterSpec, RedisRateCounter } from './redis-rate-counter';

/** While Redis failed within this many ms, counters go to the in-process store without trying it. */
const RETRY_REDIS_AFTER_MS = 2000;

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
  private redisDownSince?: number;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
  ) {
    if (redis.client) {
      const counter = new RedisRateCounter(redis.client, config.CACHE_REDIS_TIMEOUT_MS);
      this.shared = new BatchedRateCounters(
        (spec, amount) => counter.add(spec, amount),
        config.RATE_LIMIT_BATCH_MS,
        (error) => this.redisFailed(error),
      );
    } else {
      this.logger.warn('REDIS_URL is not set: rate limits are counted per process');
    }
  }

  /** Counters are shared through Redis right now. */
  get isShared(): boolean {
    return this.shared !== undefined && this.redisDownSince === undefined;
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
  ): ThrottlerStorageRecord | Promise<ThrottlerStorageRecord> {
    if (this.shared && this.redisUsable()) {
      const spec: CounterSpec = {
        hitKey: `{${key}:${throttlerName}}:hits`,
        blockKey: `{${key}:${throttlerName}}:blocked`,
        ttlMs,
        limit,
        blockMs,
      };
      const counted = this.shared.increment(spec);
      if (!(counted instanceof Promise)) return counted;
      return counted.then(
        (record) => {
          this.redisRecovered();
          return record;
        },
        (error: unknown) => {
          this.redisFailed(error);
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
      if (this.redisDownSince === undefined) this.redisDownSince = Date.now();
      return false;
    }
    return (
      this.redisDownSince === undefined || Date.now() - this.redisDownSince > RETRY_REDIS_AFTER_MS
    );
  }

  private redisFailed(error: unknown): void {
    if (this.redisDownSince === undefined) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'Redis unavailable: counting rate limits per process until it is back',
      );
    }
    this.redisDownSince = Date.now();
  }

  private redisRecovered(): void {
    if (this.redisDownSince === undefined) return;
    this.redisDownSince = undefined;
    // Counts moved on without us: start from what Redis says.
    this.shared?.clear();
    this.logger.log('Redis available again: rate limits are shared again');
  }
}
