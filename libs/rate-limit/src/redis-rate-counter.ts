import type Redis from 'ioredis';

/** What Redis answers for one counter after adding to it. */
export interface CounterState {
  /** Hits in the current window, the ones just added included. */
  totalHits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
  blocked: boolean;
  /** Milliseconds until the block ends (0 when not blocked). */
  blockTtlMs: number;
}

/** Where one counter lives and the rules it counts by. */
export interface CounterSpec {
  hitKey: string;
  blockKey: string;
  ttlMs: number;
  limit: number;
  blockMs: number;
}

const COMMAND = 'quorumRateCount';

/**
 * The fixed-window counter of @nest-lab/throttler-storage-redis's script, with one change: it adds
 * ARGV[4] hits at once (INCRBY), so hits counted in process can be sent in one call. Over the limit
 * the block key is set for the block duration; when the block has ended, the window starts again
 * with the hits of this call.
 */
const SCRIPT = `
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local amount = tonumber(ARGV[4])
local totalHits = redis.call('INCRBY', KEYS[1], amount)
local timeToExpire = redis.call('PTTL', KEYS[1])
if timeToExpire <= 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  timeToExpire = ttl
end
local isBlocked = redis.call('GET', KEYS[2])
local timeToBlockExpire = 0
if isBlocked then
  timeToBlockExpire = redis.call('PTTL', KEYS[2])
elseif totalHits > limit then
  redis.call('SET', KEYS[2], 1, 'PX', blockDuration)
  isBlocked = '1'
  timeToBlockExpire = blockDuration
end
if isBlocked and timeToBlockExpire <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], amount, 'PX', ttl)
  totalHits = amount
  timeToExpire = ttl
  isBlocked = false
end
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire }
`;

type CountCommand = (
  hitKey: string,
  blockKey: string,
  ttlMs: number,
  limit: number,
  blockMs: number,
  amount: number,
) => Promise<unknown>;

/**
 * Rate-limit counters in Redis, shared by every API instance. The script is registered as an
 * ioredis command, so each call is an EVALSHA (ioredis re-sends the script if Redis lost it), and
 * concurrent calls share a round trip through ioredis' auto-pipelining.
 */
export class RedisRateCounter {
  private readonly command: CountCommand;

  constructor(client: Redis) {
    if (!(COMMAND in client)) client.defineCommand(COMMAND, { numberOfKeys: 2, lua: SCRIPT });
    this.command = (client as unknown as Record<string, CountCommand>)[COMMAND].bind(client);
  }

  add(spec: CounterSpec, amount: number): Promise<CounterState> {
    return this.command(
      spec.hitKey,
      spec.blockKey,
      spec.ttlMs,
      spec.limit,
      spec.blockMs,
      amount,
    ).then(counterStateOf);
  }
}

function counterStateOf(answer: unknown): CounterState {
  if (!Array.isArray(answer) || answer.length !== 4 || !answer.every(Number.isFinite)) {
    throw new TypeError('Unexpected answer from the rate-limit script');
  }
  const [totalHits, ttlMs, blocked, blockTtlMs] = answer as number[];
  return { totalHits, ttlMs, blocked: blocked === 1, blockTtlMs };
}
