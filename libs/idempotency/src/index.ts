export * from './fingerprint';
export * from './idempotency-key.entity';
export * from './idempotency.interceptor';
export * from './idempotency.module';
export * from './idempotency.store';
export * from './idempotent-post-routes';
