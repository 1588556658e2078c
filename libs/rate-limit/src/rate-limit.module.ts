import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { RedisConnection } from '@app/cache';
import { AppConfig } from '@app/core';

import { RateLimitGuard, THROTTLER } from './rate-limit.guard';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

/**
 * Rate limiting (standard §8) with @nestjs/throttler: limits from the configuration, counters in
 * Redis when REDIS_URL is set. The app registers RateLimitGuard with APP_GUARD after the JWT guard.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => {
        const ttl = config.RATE_LIMIT_WINDOW_S * 1000;
        return {
          throttlers: [
            { name: THROTTLER.user, ttl, limit: config.RATE_LIMIT_USER_LIMIT },
            { name: THROTTLER.anon, ttl, limit: config.RATE_LIMIT_ANON_LIMIT },
            { name: THROTTLER.auth, ttl, limit: config.RATE_LIMIT_AUTH_LIMIT },
          ],
          storage: new ResilientThrottlerStorage(config, redis),
        };
      },
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
