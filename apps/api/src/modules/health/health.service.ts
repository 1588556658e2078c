import { Injectable } from '@nestjs/common';
import {
  HealthCheckError,
  HealthCheckResult,
  HealthCheckService,
  MemoryHealthIndicator,
} from '@nestjs/terminus';

import { RedisConnection } from '@app/cache';
import { ServiceUnavailableError } from '@app/core';

import { DatabaseHealthIndicator } from './database.health';
import { HealthDetailsResDto, LivenessResDto } from './health.dto';
import { QueueHealthIndicator } from './queue.health';
import { RedisHealthIndicator } from './redis.health';

const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: DatabaseHealthIndicator,
    private readonly memory: MemoryHealthIndicator,
    private readonly redisIndicator: RedisHealthIndicator,
    private readonly redis: RedisConnection,
    private readonly queues: QueueHealthIndicator,
  ) {}

  /** Liveness: answers from memory, calls nothing (standard §12.1, < 100 ms). */
  liveness(): LivenessResDto {
    return { status: 'ok', uptime_s: Math.round(process.uptime() * 10) / 10 };
  }

  /** Readiness of every dependency; 503 in the envelope when a required one is down. */
  async detailed(): Promise<HealthDetailsResDto> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.db.check('database'),
        ...(this.redis.configured ? [() => this.redisIndicator.check('redis')] : []),
        ...(this.queues.configured ? [() => this.queues.check('queues')] : []),
        () => this.memory.checkHeap('memory_heap', HEAP_LIMIT_BYTES),
      ]);
    } catch (error) {
      const details = healthDetailsOf(error);
      throw new ServiceUnavailableError('A required dependency is down', {
        details,
        retryAfterSeconds: 5,
      });
    }
    return { status: result.status, details: result.details };
  }
}

function healthDetailsOf(error: unknown): Record<string, unknown> {
  if (error instanceof HealthCheckError) return { causes: error.causes as Record<string, unknown> };
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (response && typeof response === 'object' && 'details' in response) {
    return (response as { details: Record<string, unknown> }).details;
  }
  return { error: 'health check failed' };
}
