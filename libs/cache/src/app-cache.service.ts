import { randomUUID } from 'node:crypto';

import { CACHE_MANAGER } from '@nestjs/cache-manager';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { Cache } from 'cache-manager';
import type Redis from 'ioredis';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
} from 'typeorm';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';

import { AppConfig, MaybePromise } from '@app/core';
import { MetricsService } from '@app/observability';

import { CACHE_KINDS, CacheKey, CacheKind, ttlSecondsOf } from './cache-keys';
import { deepFreeze, LocalCache } from './local-cache';
import { RedisConnection } from './redis-connection';
import { RedisOutage } from './redis-outage';
import { withTimeout } from './with-timeout';

/** Nothing larger than this is cached (standard §7: no large objects). */
export const CACHE_MAX_VALUE_BYTES = 1024 * 1024;

/** Keys to drop once the surrounding transaction commits, kept on its QueryRunner. */
const PENDING = Symbol('quorum:cache-pending-invalidations');

interface InvalidationMessage {
  from: string;
  keys: string[];
}

type QueryRunnerData = Record<string | symbol, unknown>;

/** A miss being answered: by getOrLoad (the value), or by a batch (`partial`: value or undefined). */
interface Flight {
  epoch: number;
  value: Promise<unknown>;
  partial?: boolean;
}

/**
 * Cache-aside for reference data, in two tiers:
 *
 * 1. an in-process map per API instance (a hit costs no I/O at all), then
 * 2. Redis through @nestjs/cache-manager (shared by every instance; survives restarts),
 * 3. and on a miss in both, the loader (the database); its result fills both tiers.
 *
 * Writers invalidate keys after their transaction commits (`invalidateAfterCommit`): the key is
 * dropped here, deleted in Redis, and announced on a pub/sub channel so every other instance drops
 * its in-process copy too. TTLs per kind only bound how long a missed message could leave a stale
 * value (an instance whose subscription drops clears its whole in-process tier on reconnect).
 *
 * Redis trouble never fails a request: while Redis is unreachable or slow the cache answers from
 * the in-process tier or the loader, logs one warning per outage, and recovers by itself.
 * Without REDIS_URL only the in-process tier exists (single-instance use).
 */
@Injectable()
export class AppCache implements OnModuleInit, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('Cache');
  private readonly local: LocalCache;
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly ttlMs: Record<CacheKind, number>;
  private subscriber?: Redis;
  /** Bumped by every invalidation: a load that started before one is not cached. */
  private epoch = 0;
  /**
   * Misses being answered, by key name: concurrent misses of one key share one Redis read and one
   * load (no stampede when a hot key expires), unless an invalidation happened since it started.
   */
  private readonly inFlight = new Map<string, Flight>();
  private readonly outage: RedisOutage;
  private subscribedOnce = false;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
    private readonly metrics: MetricsService,
    @Inject(CACHE_MANAGER) private readonly store: Cache,
    @Optional() dataSource?: DataSource,
  ) {
    this.local = new LocalCache(config.CACHE_LOCAL_MAX_ENTRIES);
    this.outage = new RedisOutage(
      this.logger,
      {
        down: 'Redis cache unavailable: answering from the in-process tier and the database',
        back: 'Redis cache available again',
      },
      // Invalidations may have been missed while Redis was away.
      () => this.local.clear(),
    );
    this.channel = `${config.REDIS_KEY_PREFIX}:cache:invalidate`;
    this.ttlMs = Object.fromEntries(
      CACHE_KINDS.map((kind) => [kind, ttlSecondsOf(config, kind) * 1000]),
    ) as Record<CacheKind, number>;
    // Runs invalidations registered inside a transaction once it commits (TypeORM subscriber).
    dataSource?.subscribers.push(this);
  }

  onModuleInit(): void {
    if (!this.redis.client) {
      this.logger.warn('REDIS_URL is not set: the cache is in-process only (one instance)');
      return;
    }
    this.subscriber = this.redis.client.duplicate({ maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined); // reported by the shared connection already
    this.subscriber.on('ready', () => {
      // Messages sent while we were not subscribed are lost: start the in-process tier afresh.
      if (this.subscribedOnce) this.local.clear();
      this.subscribedOnce = true;
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) this.onMessage(raw);
    });
    // Queued until connected, renewed by ioredis after every reconnect; boot never waits on Redis.
    this.subscriber.subscribe(this.channel).catch((error: unknown) => this.outage.failed(error));
    // Opens the store's own connection now rather than on the first request.
    void withTimeout(this.store.get('probe'), 2000, 'cache store connect').catch((error: unknown) =>
      this.outage.failed(error),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }

  /**
   * The value under `key` when the in-process tier holds it (a hit, counted), else undefined; no
   * I/O, no promise (see peekOrLoad).
   */
  peek<T>(key: CacheKey<T>): Exclude<T, null> | undefined {
    if (this.ttlMs[key.kind] <= 0) return undefined;
    const local = this.local.get(key.name);
    if (local === undefined) return undefined;
    this.metrics.cacheHit(key.kind);
    return local as Exclude<T, null>;
  }

  /**
   * `getOrLoad` for hot paths: the value itself on an in-process hit (no promise, see
   * MaybePromise), else `getOrLoad`'s promise.
   */
  peekOrLoad<T>(key: CacheKey<T>, load: () => Promise<T>): MaybePromise<T> {
    return this.peek(key) ?? this.getOrLoad(key, load);
  }

  /**
   * The value under `key`: from the in-process tier, else Redis, else `load()` (whose result is
   * cached unless it is undefined/null, over 1 MB, or an invalidation happened meanwhile). The
   * result is frozen, deeply, cached or not: it may be shared with concurrent callers.
   *
   * Concurrent misses of one key in this instance wait for the first one's Redis read and load
   * rather than each running their own: when a hot key expires under load (a list's total, every
   * 60 s) one query runs instead of one per request in flight. A miss that starts after an
   * invalidation does not join a load that started before it, so a writer reads its own write.
   */
  getOrLoad<T>(key: CacheKey<T>, load: () => Promise<T>): Promise<T> {
    const ttlMs = this.ttlMs[key.kind];
    if (ttlMs <= 0) return rejectingOnThrow(load);
    const local = this.peek(key);
    if (local !== undefined) return Promise.resolve(local);
    const running = this.inFlight.get(key.name);
    if (running !== undefined && running.epoch === this.epoch) {
      this.metrics.cacheMiss(key.kind);
      if (!running.partial) return running.value as Promise<T>;
      // A batch knows found or absent, not what this loader says of a key it did not find
      // (null, say): ask it once the batch is over (its flight is forgotten by then).
      return (running.value as Promise<T | undefined>).then((value) =>
        value === undefined ? this.getOrLoad(key, load) : value,
      );
    }
    const value = this.readOrLoad(key, load, ttlMs);
    this.track(key.name, { epoch: this.epoch, value });
    return value;
  }

  /** Puts a miss in flight under `name` until it settles (unless a newer one replaced it). */
  private track(name: string, flight: Flight): void {
    this.inFlight.set(name, flight);
    const forget = () => {
      if (this.inFlight.get(name) === flight) this.inFlight.delete(name);
    };
    // Also what handles a rejection nobody else waits for (a batch's per-key promise).
    flight.value.then(forget, forget);
  }

  /** getOrLoad's miss: Redis, else the loader, filling the tiers. */
  private async readOrLoad<T>(key: CacheKey<T>, load: () => Promise<T>, ttlMs: number): Promise<T> {
    const epoch = this.epoch;
    const shared = await this.readShared<T>(key.name);
    if (shared !== undefined) {
      this.metrics.cacheHit(key.kind);
      if (epoch === this.epoch) this.local.set(key.name, shared, ttlMs);
      return deepFreeze(shared);
    }
    this.metrics.cacheMiss(key.kind);
    const value = await load();
    if (value !== undefined && value !== null && epoch === this.epoch) {
      this.fill(key, value, ttlMs);
    }
    return deepFreeze(value);
  }

  /**
   * Many values of one kind at once: each from the in-process tier, else Redis, and all the
   * missing ones from one `load(missing)` call (one query for the lot, never one per key). `load`
   * returns what it found by key name; a name it leaves out (or maps to null) is absent from the
   * result. Values are frozen, deeply: they may be shared with concurrent callers.
   *
   * Like getOrLoad, misses coalesce: a key another call is already loading (one key or a batch)
   * waits for that load instead of joining this call's, so when a list page's workflows expire
   * under load their rows are read once, not once per request in flight. Keys a batch is loading
   * are in flight for getOrLoad too, which waits for them where the batch found the value.
   */
  async getManyOrLoad<T>(
    keys: CacheKey<T>[],
    load: (missing: CacheKey<T>[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    if (keys.length === 0) return new Map<string, T>();
    const kind = keys[0].kind;
    const ttlMs = this.ttlMs[kind];
    if (ttlMs <= 0) return load(keys);
    const values = new Map<string, T | null | undefined>();
    const joined: Array<[string, Promise<unknown>]> = [];
    const own: CacheKey<T>[] = [];
    for (const key of keys) {
      if (values.has(key.name)) continue; // asked twice: answered once
      const local = this.local.get(key.name);
      if (local !== undefined) {
        values.set(key.name, local as T);
        this.metrics.cacheHit(kind);
        continue;
      }
      values.set(key.name, undefined); // keeps the callers' order
      const running = this.inFlight.get(key.name);
      if (running !== undefined && running.epoch === this.epoch) {
        this.metrics.cacheMiss(kind);
        joined.push([key.name, running.value]);
      } else {
        own.push(key);
      }
    }
    const [ownValues, joinedValues] = await Promise.all([
      own.length > 0 ? this.startBatch(own, load, ttlMs) : undefined,
      Promise.all(joined.map(([, value]) => value)),
    ]);
    ownValues?.forEach((value, name) => values.set(name, value));
    joined.forEach(([name], i) => values.set(name, joinedValues[i] as T | null | undefined));
    const found = new Map<string, T>();
    for (const [name, value] of values)
      if (value !== undefined && value !== null) found.set(name, value);
    return found;
  }

  /**
   * getManyOrLoad's own misses as one flight: one promise for the batch, and one per key in
   * `inFlight` (the key's value, or undefined where the batch did not find it) for others to join.
   */
  private startBatch<T>(
    keys: CacheKey<T>[],
    load: (missing: CacheKey<T>[]) => Promise<Map<string, T>>,
    ttlMs: number,
  ): Promise<Map<string, T>> {
    const batch = this.readOrLoadMany(keys, load, ttlMs);
    for (const key of keys) {
      const value = batch.then((found) => found.get(key.name));
      this.track(key.name, { epoch: this.epoch, value, partial: true });
    }
    return batch;
  }

  /** A batch's misses: Redis for each, then the loader once for the rest, filling the tiers. */
  private async readOrLoadMany<T>(
    keys: CacheKey<T>[],
    load: (missing: CacheKey<T>[]) => Promise<Map<string, T>>,
    ttlMs: number,
  ): Promise<Map<string, T>> {
    const epoch = this.epoch;
    const kind = keys[0].kind;
    const found = new Map<string, T>();
    const shared = await Promise.all(keys.map((key) => this.readShared<T>(key.name)));
    const missing = keys.filter((key, i) => {
      const value = shared[i];
      if (value === undefined) return true;
      this.metrics.cacheHit(kind);
      found.set(key.name, deepFreeze(value));
      if (epoch === this.epoch) this.local.set(key.name, value, ttlMs);
      return false;
    });
    if (missing.length === 0) return found;
    for (let i = 0; i < missing.length; i++) this.metrics.cacheMiss(kind);
    const loaded = await load(missing);
    for (const key of missing) {
      const value = loaded.get(key.name);
      if (value === undefined || value === null) continue;
      found.set(key.name, deepFreeze(value));
      if (epoch === this.epoch) this.fill(key, value, ttlMs);
    }
    return found;
  }

  /** Drops the keys here, in Redis, and on every other instance. Never throws. */
  async invalidate(...keys: CacheKey<unknown>[]): Promise<void> {
    if (keys.length === 0) return;
    const names = keys.map((k) => k.name);
    this.dropLocal(names);
    const client = this.redis.client;
    if (!client) return;
    const message: InvalidationMessage = { from: this.instanceId, keys: names };
    try {
      await withTimeout(
        Promise.all([
          ...names.map((name) => this.store.del(name)),
          client.publish(this.channel, JSON.stringify(message)),
        ]),
        this.config.CACHE_REDIS_TIMEOUT_MS,
        'cache invalidation',
      );
      this.outage.recovered();
    } catch (error) {
      this.outage.failed(error);
    }
  }

  /**
   * Invalidates once the transaction `manager` belongs to commits (at once outside a transaction);
   * a rollback forgets them. Writers call this next to the write, so a new write path cannot
   * forget it, and a reader can never re-cache the old row between the drop and the commit.
   */
  invalidateAfterCommit(manager: EntityManager | undefined, ...keys: CacheKey<unknown>[]): void {
    const queryRunner = manager?.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      void this.invalidate(...keys);
      return;
    }
    const data = queryRunner.data as QueryRunnerData;
    const pending = (data[PENDING] as CacheKey<unknown>[] | undefined) ?? [];
    pending.push(...keys);
    data[PENDING] = pending;
  }

  /** TypeORM subscriber hook: the transaction committed. */
  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const data = event.queryRunner.data as QueryRunnerData;
    const pending = data[PENDING] as CacheKey<unknown>[] | undefined;
    if (!pending) return;
    delete data[PENDING];
    return this.invalidate(...pending);
  }

  /** TypeORM subscriber hook: nothing changed, nothing to drop. */
  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete (event.queryRunner.data as QueryRunnerData)[PENDING];
  }

  private fill<T>(key: CacheKey<T>, value: T, ttlMs: number): void {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      return;
    }
    if (Buffer.byteLength(json, 'utf8') > CACHE_MAX_VALUE_BYTES) {
      this.logger.debug({ kind: key.kind }, 'Value over 1 MB: not cached');
      return;
    }
    this.local.set(key.name, value, ttlMs);
    if (!this.sharedUsable()) return;
    void withTimeout(
      this.store.set(key.name, value, ttlMs),
      this.config.CACHE_REDIS_TIMEOUT_MS,
      'cache write',
    ).then(
      () => this.outage.recovered(),
      (error: unknown) => this.outage.failed(error),
    );
  }

  private async readShared<T>(name: string): Promise<T | undefined> {
    if (!this.sharedUsable()) return undefined;
    try {
      const value = await withTimeout(
        this.store.get<T>(name),
        this.config.CACHE_REDIS_TIMEOUT_MS,
        'cache read',
      );
      this.outage.recovered();
      return value ?? undefined;
    } catch (error) {
      this.outage.failed(error);
      return undefined;
    }
  }

  /** Redis is configured, connected, and its last call did not fail within the last 2 seconds. */
  private sharedUsable(): boolean {
    return !!this.redis.client && !this.outage.pausing && this.redis.client.status === 'ready';
  }

  private onMessage(raw: string): void {
    let message: InvalidationMessage;
    try {
      message = JSON.parse(raw) as InvalidationMessage;
    } catch {
      return;
    }
    if (message.from === this.instanceId || !Array.isArray(message.keys)) return;
    this.dropLocal(message.keys.filter((k): k is string => typeof k === 'string'));
  }

  private dropLocal(names: string[]): void {
    this.epoch++;
    for (const name of names) this.local.delete(name);
  }
}

/** `load()`, a synchronous throw turned into a rejection (as when getOrLoad was `async`). */
async function rejectingOnThrow<T>(load: () => Promise<T>): Promise<T> {
  return load();
}
