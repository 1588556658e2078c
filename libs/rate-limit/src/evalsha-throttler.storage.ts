import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';

const COMMAND = 'quorumThrottle';

type ThrottleCommand = (
  hitKey: string,
  blockKey: string,
  throttlerName: string,
  ttl: number,
  limit: number,
  blockDuration: number,
) => Promise<unknown>;

/**
 * @nest-lab's Redis storage with its Lua script registered as an ioredis command: each counter
 * then costs an EVALSHA (the script's hash) instead of an EVAL carrying the whole script, so less
 * is sent and Redis does not hash the script on every request. Same keys, same script, same
 * answers; ioredis falls back to EVAL by itself if Redis lost the script.
 */
export class EvalShaThrottlerStorage extends ThrottlerStorageRedisService {
  private readonly command: ThrottleCommand;

  constructor(client: Redis) {
    super(client);
    if (!(COMMAND in client))
      client.defineCommand(COMMAND, { numberOfKeys: 2, lua: this.scriptSrc });
    this.command = (client as unknown as Record<string, ThrottleCommand>)[COMMAND].bind(client);
  }

  override async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const results = await this.command(
      `{${key}:${throttlerName}}:hits`,
      `{${key}:${throttlerName}}:blocked`,
      throttlerName,
      ttl,
      limit,
      blockDuration,
    );
    if (!Array.isArray(results) || results.length !== 4 || !results.every(Number.isFinite)) {
      throw new TypeError('Unexpected answer from the rate-limit script');
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = results as number[];
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
    };
  }
}
