import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '@app/core';

/**
 * The process's Redis connection when REDIS_URL is set (cache, rate limits and queues build on
 * it). Without REDIS_URL the API runs on in-process fallbacks and `client` is undefined.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: Redis | undefined;

  constructor(config: AppConfig) {
    if (!config.REDIS_URL) {
      this.logger.warn('REDIS_URL is not set: using in-process fallbacks (single instance only)');
      return;
    }
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: false,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // Keep trying in the background; callers see failures quickly meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.client.on('error', (error: Error) => this.logger.warn(`Redis error: ${error.message}`));
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async ping(timeoutMs = 1000): Promise<void> {
    if (!this.client) throw new Error('Redis is not configured');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    if (this.client.status !== 'ready') {
      this.client.disconnect(); // also stops the reconnect loop
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
