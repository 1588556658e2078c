export * from './batched-rate-counters';
export * from './rate-limit.guard';
export * from './rate-limit.module';
export * from './redis-rate-counter';
export * from './resilient-throttler.storage';
