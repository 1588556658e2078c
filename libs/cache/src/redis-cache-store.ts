import { createKeyv } from '@keyv/redis';
import type Keyv from 'keyv';

import type { AppConfig } from '@app/core';

/** The cache's Redis keys live under `<REDIS_KEY_PREFIX>:cache::<kind>:<id>`. */
export function cacheNamespace(config: AppConfig): string {
  return `${config.REDIS_KEY_PREFIX}:cache`;
}

/**
 * The Redis store behind @nestjs/cache-manager: @keyv/redis, the store cache-manager 7 is built
 * for (cache-manager-redis-yet is refused by it; docs/decisions/020). Always namespaced, so a
 * clear() can never reach Bull's or the rate limiter's keys. Commands fail at once while Redis is
 * down (no offline queue) and the client keeps reconnecting in the background; the cache service
 * then answers from the database.
 */
export function createRedisCacheStore(config: AppConfig, onError: (error: Error) => void): Keyv {
  const keyv = createKeyv(
    {
      url: config.REDIS_URL,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2000,
        reconnectStrategy: (retries: number) => Math.min((retries + 1) * 200, 2000),
      },
    },
    {
      namespace: cacheNamespace(config),
      throwOnConnectError: false,
      throwOnErrors: true,
      connectionTimeout: 2000,
    },
  );
  keyv.throwOnErrors = true;
  keyv.on('error', onError);
  return keyv;
}
