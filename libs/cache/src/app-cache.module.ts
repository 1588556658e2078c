import { CacheModule, CacheModuleOptions } from '@nestjs/cache-manager';
import { Global, Logger, Module } from '@nestjs/common';

import { AppConfig } from '@app/core';

import { AppCache } from './app-cache.service';
import { createRedisCacheStore } from './redis-cache-store';

/**
 * The cache: @nestjs/cache-manager on a namespaced @keyv/redis store when REDIS_URL is set, and
 * AppCache (cache-aside with an in-process tier, invalidation across instances, hit/miss metrics)
 * on top. Needs RedisModule (the shared connection) and MetricsModule.
 */
@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig): CacheModuleOptions => {
        if (!config.REDIS_URL) return {};
        const logger = new Logger('Cache');
        let last = 0;
        const stores = [
          createRedisCacheStore(config, (error) => {
            // node-redis reports each failed reconnect: one line per 10 s is enough.
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
