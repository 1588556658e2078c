import { Global, Module } from '@nestjs/common';

import { RedisConnection } from './redis-connection';

/** The cache module slot: today the shared Redis connection; the cache store joins it here. */
@Global()
@Module({
  providers: [RedisConnection],
  exports: [RedisConnection],
})
export class RedisModule {}
