import type Redis from 'ioredis';

import { withTimeout } from '@app/cache';

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

const COMMAND = 'quorumRateCounts';

/**
 * The fixed-window counter of @nest-lab/throttler-storage-redis's script, with two changes: it adds
 * ARGV hits at once (INCRBY), so hits counted in process can be sent in one call, and it counts
 * several counters in one call (KEYS in pairs, ARGV in fours, four numbers answered per counter).
 * Over the limit the block key is set for the block duration; when the block has ended, the window
 * starts again with the hits of this call. Counters in one call are counted in order, so two hits
 * on one key in a batch see 1 and 2.
 */
const SCRIPT = `
local answer = {}
for i = 1, #KEYS / 2 do
  local hitKey = KEYS[2 * i - 1]
  local blockKey = KEYS[2 * i]
  local ttl = tonumber(ARGV[4 * i - 3])
  local limit = tonumber(ARGV[4 * i - 2])
  local blockDuration = tonumber(ARGV[4 * i - 1])
  local amount = tonumber(ARGV[4 * i])
  local totalHits = redis.call('INCRBY', hitKey, amount)
  local timeToExpire = redis.call('PTTL', hitKey)
  if timeToExpire <= 0 then
    redis.call('PEXPIRE', hitKey, ttl)
    timeToExpire = ttl
  end
  local isBlocked = redis.call('GET', blockKey)
  local timeToBlockExpire = 0
  if isBlocked then
    timeToBlockExpire = redis.call('PTTL', blockKey)
  elseif totalHits > limit then
    redis.call('SET', blockKey, 1, 'PX', blockDuration)
    isBlocked = '1'
    timeToBlockExpire = blockDuration
  end
  if isBlocked and timeToBlockExpire <= 0 then
    redis.call('DEL', blockKey)
    redis.call('SET', hitKey, amount, 'PX', ttl)
    totalHits = amount
    timeToExpire = ttl
    isBlocked = false
  end
  answer[#answer + 1] = totalHits
  answer[#answer + 1] = timeToExpire
  answer[#answer + 1] = isBlocked and 1 or 0
  answer[#answer + 1] = timeToBlockExpire
end
return answer
`;

/** Counters per script call at most: a script holds Redis while it runs. */
const MAX_COUNTERS_PER_CALL = 256;

/** `numberOfKeys, ...keys, ...args` (the script is defined with a variable number of keys). */
type CountCommand = (...args: (string | number)[]) => Promise<unknown>;

interface Waiting {
  spec: CounterSpec;
  amount: number;
  resolve: (state: CounterState) => void;
  reject: (error: unknown) => void;
}

/**
 * Rate-limit counters in Redis, shared by every API instance. Counters asked for in one turn of
 * the event loop go to Redis together, as one EVALSHA of the script above (ioredis re-sends the
 * script if Redis lost it): one command, one write and one read per turn however many requests
 * the turn served. ioredis' auto-pipelining batches only within one tick, and the per-command
 * work of one EVALSHA per request (command object, promises, a socket write) was a tenth of a
 * cached read (issue 8). The wait is until the end of the current turn (setImmediate). A call
 * carries at most 256 counters; it fails as a whole after `timeoutMs` (0: no timeout of its own).
 */
export class RedisRateCounter {
  private readonly command: CountCommand;
  private waiting: Waiting[] = [];

  constructor(
    client: Redis,
    private readonly timeoutMs = 0,
  ) {
    if (!(COMMAND in client)) {
      client.defineCommand(COMMAND, { lua: SCRIPT });
      // The calls are already one per turn (send). ioredis' auto-pipelining would hold each for one
      // more turn (its own setImmediate) before writing it, and every counted request with it.
      client.options.autoPipeliningIgnoredCommands = [
        ...(client.options.autoPipeliningIgnoredCommands ?? []),
        COMMAND,
      ];
    }
    this.command = (client as unknown as Record<string, CountCommand>)[COMMAND].bind(client);
  }

  add(spec: CounterSpec, amount: number): Promise<CounterState> {
    return new Promise<CounterState>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.send());
      this.waiting.push({ spec, amount, resolve, reject });
    });
  }

  private send(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (let i = 0; i < waiting.length; i += MAX_COUNTERS_PER_CALL) {
      this.sendBatch(
        waiting.length <= MAX_COUNTERS_PER_CALL
          ? waiting
          : waiting.slice(i, i + MAX_COUNTERS_PER_CALL),
      );
    }
  }

  private sendBatch(batch: Waiting[]): void {
    const args: (string | number)[] = [batch.length * 2];
    for (const { spec } of batch) args.push(spec.hitKey, spec.blockKey);
    for (const { spec, amount } of batch) args.push(spec.ttlMs, spec.limit, spec.blockMs, amount);
    let call: Promise<unknown>;
    try {
      call = this.command(...args);
    } catch (error) {
      // E.g. the client was closed: the callers get the error, none waits for ever.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const answered =
      this.timeoutMs > 0 ? withTimeout(call, this.timeoutMs, 'rate-limit counter') : call;
    answered.then(
      (answer) => {
        if (!isAnswerFor(answer, batch.length)) {
          const error = new TypeError('Unexpected answer from the rate-limit script');
          for (const waiting of batch) waiting.reject(error);
          return;
        }
        for (let i = 0; i < batch.length; i++) {
          batch[i].resolve({
            totalHits: answer[4 * i],
            ttlMs: answer[4 * i + 1],
            blocked: answer[4 * i + 2] === 1,
            blockTtlMs: answer[4 * i + 3],
          });
        }
      },
      (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      },
    );
  }
}

function isAnswerFor(answer: unknown, counters: number): answer is number[] {
  return Array.isArray(answer) && answer.length === 4 * counters && answer.every(Number.isFinite);
}
