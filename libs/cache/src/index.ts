export * from './app-cache.module';
export * from './app-cache.service';
export * from './cache-keys';
export * from './local-cache';
export * from './redis-connection';
export * from './redis-outage';
export * from './redis.module';
export * from './with-timeout';
