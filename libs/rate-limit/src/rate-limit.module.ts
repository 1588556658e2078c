import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { AppConfig } from '@app/core';

import { RateLimitGuard, THROTTLER } from './rate-limit.guard';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

/**
 * Rate limiting (standard §8) with @nestjs/throttler: limits from the configuration (the throttler
 * options), counters in ResilientThrottlerStorage (Redis when REDIS_URL is set). The app registers
 * RateLimitGuard after the JWT guard (its GlobalGuards).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const ttl = config.RATE_LIMIT_WINDOW_S * 1000;
        return {
          throttlers: [
            { name: THROTTLER.user, ttl, limit: config.RATE_LIMIT_USER_LIMIT },
            { name: THROTTLER.anon, ttl, limit: config.RATE_LIMIT_ANON_LIMIT },
            { name: THROTTLER.auth, ttl, limit: config.RATE_LIMIT_AUTH_LIMIT },
          ],
        };
      },
    }),
  ],
  providers: [ResilientThrottlerStorage, RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
