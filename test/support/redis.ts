import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/**
 * Tests that need Redis call this first. In CI (CI=true) a missing Redis fails the test; locally
 * it fails too, with a message saying how to start one — Redis is part of the platform.
 */
export async function assertRedisAvailable(url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is required at ${url} (start it with: redis-server --daemonize yes). ${(error as Error).message}`,
    );
  } finally {
    client.disconnect();
  }
}
