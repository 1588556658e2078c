import { CacheModule, CacheModuleOptions } from '@nestjs/cache-manager';
import { Global, Logger, Module } from '@nestjs/common';

import { AppConfig } from '@app/core';

import { AppCache } from './app-cache.service';
import { createRedisCacheStore } from './redis-cache-store';
import { RedisConnection } from './redis-connection';

/**
 * The cache: @nestjs/cache-manager on a namespaced Keyv store over the shared ioredis connection
 * when REDIS_URL is set, and AppCache (cache-aside with an in-process tier, invalidation across
 * instances, hit/miss metrics) on top. Needs RedisModule (the shared connection) and MetricsModule.
 */
@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection): CacheModuleOptions => {
        if (!redis.client) return {};
        const logger = new Logger('Cache');
        let last = 0;
        const stores = [
          createRedisCacheStore(config, redis.client, (error) => {
            // One line per 10 s is enough while Redis misbehaves.
            if (Date.now() - last < 10_000) return;
            last = Date.now();
            logger.warn({ err: error.message }, 'Redis cache store error');
          }),
        ];
        return { stores };
      },
    }),
  ],
  providers: [AppCache],
  exports: [AppCache],
})
export class AppCacheModule {}
