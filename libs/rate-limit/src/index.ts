export * from './evalsha-throttler.storage';
export * from './rate-limit.guard';
export * from './rate-limit.module';
export * from './resilient-throttler.storage';
