import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

import type { MaybePromise } from '@app/core';

import type { CounterSpec, CounterState } from './redis-rate-counter';

/** Counters with a smaller limit are always counted in Redis, one call per request. */
export const MIN_BATCHED_LIMIT = 100;

/** Expired windows are forgotten at most this often (a walk over all of them). */
const SWEEP_EVERY_MS = 10_000;

/** Adds `amount` hits to a counter in Redis and answers its new state. */
export type AddHits = (spec: CounterSpec, amount: number) => Promise<CounterState>;

/** This instance's view of one counter's current window. */
interface Window {
  spec: CounterSpec;
  /** Hits in Redis as of its last answer. */
  known: number;
  /** Hits sent to Redis and not answered yet. */
  inflight: number;
  /** Hits counted here and not sent yet. */
  pending: number;
  /** When the window ends, on this process's clock. */
  endsAt: number;
}

/**
 * Rate-limit counters shared through Redis without a Redis round trip on most requests.
 *
 * While a counter has used less than half of its budget (and its limit is at least
 * MIN_BATCHED_LIMIT), a hit is counted here and the request goes on at once; the hits of every
 * counter are sent to Redis together every `flushMs`, and Redis's answer replaces this instance's
 * view. The first hit of a window, any hit past half the budget, and every hit on a small limit
 * (the credential routes) ask Redis before the request goes on, so the limit itself is enforced
 * exactly. Within one instance the counts are exact; across instances a counter can be behind by
 * the other instances' hits of the last `flushMs` while it is in its first half.
 */
export class BatchedRateCounters {
  private readonly windows = new Map<string, Window>();
  private readonly dirty = new Set<Window>();
  private flushTimer?: NodeJS.Timeout;
  private lastSweep = Date.now();

  constructor(
    private readonly add: AddHits,
    private readonly flushMs: number,
    private readonly onFlushError: (error: unknown) => void,
  ) {}

  /** Counts one hit: answered here when far from the limit, else by Redis. */
  increment(spec: CounterSpec, now = Date.now()): MaybePromise<ThrottlerStorageRecord> {
    // Counters that are never batched keep no window here: nothing to remember or sweep.
    if (this.flushMs <= 0 || spec.limit < MIN_BATCHED_LIMIT) return this.countInRedis(spec);
    const found = this.windows.get(spec.hitKey);
    const window = found !== undefined && now < found.endsAt ? found : undefined;
    if (window !== undefined) {
      const total = window.known + window.inflight + window.pending + 1;
      if (total * 2 <= spec.limit) {
        window.pending++;
        this.markDirty(window);
        return {
          totalHits: total,
          timeToExpire: Math.ceil((window.endsAt - now) / 1000),
          isBlocked: false,
          timeToBlockExpire: 0,
        };
      }
    }
    return this.countInRedis(spec, window, true);
  }

  /** Sends every pending hit now (the timer does this every `flushMs`; shutdown calls it too). */
  flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const window of this.dirty) {
      const amount = window.pending;
      if (amount === 0) continue;
      window.pending = 0;
      window.inflight += amount;
      this.add(window.spec, amount).then(
        (state) => this.apply(window, state, amount, Date.now()),
        (error: unknown) => {
          // Redis did not take them: they stay counted nowhere but in the answers already given.
          window.inflight -= amount;
          this.onFlushError(error);
        },
      );
    }
    this.dirty.clear();
    const now = Date.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
  }

  /** Forgets every window (after Redis was unreachable, its counts may have moved on). */
  clear(): void {
    this.windows.clear();
    this.dirty.clear();
  }

  /** Windows held now (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  /** One call to Redis for this hit, carrying the window's pending hits along. */
  private countInRedis(
    spec: CounterSpec,
    current?: Window,
    keepWindow = false,
  ): Promise<ThrottlerStorageRecord> {
    const carried = current?.pending ?? 0;
    if (current !== undefined) {
      current.pending = 0;
      current.inflight += carried;
    }
    // One `then` rather than an async function: every promise of a request costs (MaybePromise).
    return this.add(spec, 1 + carried).then(
      (state) => {
        if (keepWindow) {
          const now = Date.now();
          this.apply(current ?? this.windowFor(spec, now), state, carried, now);
          if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
        }
        return {
          totalHits: state.totalHits,
          timeToExpire: Math.ceil(state.ttlMs / 1000),
          isBlocked: state.blocked,
          timeToBlockExpire: Math.ceil(state.blockTtlMs / 1000),
        };
      },
      (error: unknown) => {
        if (current !== undefined) current.inflight -= carried;
        throw error;
      },
    );
  }

  /**
   * Redis's answer to a call that sent `sent` of this window's in-flight hits. Answers on one
   * connection come back in the order the calls were made, so the latest is the newest count.
   */
  private apply(window: Window, state: CounterState, sent: number, now: number): void {
    window.inflight = Math.max(0, window.inflight - sent);
    window.known = state.totalHits;
    window.endsAt = now + state.ttlMs;
  }

  private windowFor(spec: CounterSpec, now: number): Window {
    let window = this.windows.get(spec.hitKey);
    if (window === undefined) {
      window = { spec, known: 0, inflight: 0, pending: 0, endsAt: 0 };
      this.windows.set(spec.hitKey, window);
    } else if (window.endsAt <= now) {
      // Hits not sent before the window ended belong to that window: they are dropped with it.
      window.pending = 0;
    }
    return window;
  }

  private markDirty(window: Window): void {
    this.dirty.add(window);
    if (this.flushTimer === undefined) {
      this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
      this.flushTimer.unref();
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now && window.pending === 0 && window.inflight === 0) {
        this.windows.delete(key);
      }
    }
  }
}
