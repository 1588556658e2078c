import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  AppConfig,
  isPromise,
  MaybePromise,
  routeOf,
  RouteFlag,
  SKIP_RATE_LIMIT_KEY,
  TooManyRequestsError,
} from '@app/core';

import { ResilientThrottlerStorage } from './resilient-throttler.storage';

/** The three counters (standard §8): per user id, per anonymous IP, per IP on credential routes. */
export const THROTTLER = { user: 'user', anon: 'anon', auth: 'auth' } as const;
export type ThrottlerName = (typeof THROTTLER)[keyof typeof THROTTLER];

interface Check {
  name: ThrottlerName;
  tracker: string;
  limit: number;
  ttlMs: number;
}

/**
 * @nestjs/throttler's guard, run globally after the JWT guard (the app's GlobalGuards) so the
 * caller is known: a signed-in caller is counted by user id (users behind one NAT never share a
 * budget), an anonymous one by client IP (Fastify's `request.ip`, which honours X-Forwarded-For
 * only when TRUST_PROXY=true), and the credential routes by IP on a stricter counter as well.
 *
 * Every limited response carries X-RateLimit-Limit / -Remaining / -Reset (seconds) of its tightest
 * counter; over the limit the answer is 429 in the error envelope with Retry-After. Routes marked
 * @SkipRateLimit() (metrics, health) are not counted. Counting is ResilientThrottlerStorage's; the
 * counters of a request that ask Redis are asked concurrently, so they share one round trip.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly skip: RouteFlag;
  private readonly authRoutes: Set<string>;
  private readonly keyPrefix: string;
  private readonly enabled: boolean;

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    config: AppConfig,
    private readonly counters: ResilientThrottlerStorage,
  ) {
    super(options, storage, reflector);
    this.authRoutes = new Set(config.RATE_LIMIT_AUTH_ROUTES);
    this.keyPrefix = `${config.REDIS_KEY_PREFIX}:rl:`;
    this.enabled = config.RATE_LIMIT_ENABLED;
    this.skip = new RouteFlag(reflector, SKIP_RATE_LIMIT_KEY);
  }

  /** Nest's entry (ThrottlerGuard's signature); the app's GlobalGuards calls `admit` directly. */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(this.admit(context));
  }

  /**
   * Synchronous when nothing is counted (disabled, skipped) and when every counter of the request
   * was counted in process (batching mode, see BatchedRateCounters); else one promise.
   */
  admit(context: ExecutionContext): MaybePromise<boolean> {
    if (!this.enabled || context.getType() !== 'http') return true;
    if (this.skip.isSet(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: { id: string } }>();
    const reply = http.getResponse<FastifyReply>();
    const checks = this.checksFor(request);
    const counted = checks.map((check) =>
      this.counters.increment(
        this.keyPrefix + check.tracker,
        check.ttlMs,
        check.limit,
        check.ttlMs,
        check.name,
      ),
    );
    const allowed = (records: ThrottlerStorageRecord[]): boolean => {
      decide(reply, checks, records);
      return true;
    };
    if (!counted.some(isPromise)) return allowed(counted as ThrottlerStorageRecord[]);
    // Most requests have one counter: one `then`, no Promise.all.
    return counted.length === 1
      ? (counted[0] as Promise<ThrottlerStorageRecord>).then((record) => allowed([record]))
      : Promise.all(counted.map((record) => Promise.resolve(record))).then(allowed);
  }

  private checksFor(request: FastifyRequest & { user?: { id: string } }): Check[] {
    const checks: Check[] = request.user
      ? [this.check(THROTTLER.user, `u:${request.user.id}`)]
      : [this.check(THROTTLER.anon, `ip:${request.ip}`)];
    const route = routeOf(request).url;
    if (route !== undefined && this.authRoutes.has(route)) {
      checks.push(this.check(THROTTLER.auth, `ip:${request.ip}`));
    }
    return checks;
  }

  private check(name: ThrottlerName, tracker: string): Check {
    const throttler = this.throttlers.find((t) => t.name === name) as ThrottlerOptions;
    return { name, tracker, limit: throttler.limit as number, ttlMs: throttler.ttl as number };
  }
}

/**
 * Sets X-RateLimit-* from the counter that decides (a blocked one, else the one with the fewest
 * requests left) and throws 429 when it is blocked.
 */
function decide(reply: FastifyReply, checks: Check[], records: ThrottlerStorageRecord[]): void {
  let index = 0;
  for (let i = 1; i < records.length; i++) {
    const best = records[index];
    const record = records[i];
    if (record.isBlocked !== best.isBlocked) {
      if (record.isBlocked) index = i;
    } else if (checks[i].limit - record.totalHits < checks[index].limit - best.totalHits) {
      index = i;
    }
  }
  const binding = records[index];
  const check = checks[index];
  void reply.header('x-ratelimit-limit', String(check.limit));
  void reply.header('x-ratelimit-remaining', String(Math.max(0, check.limit - binding.totalHits)));
  void reply.header('x-ratelimit-reset', String(Math.max(0, binding.timeToExpire)));
  if (binding.isBlocked) {
    const retryAfterSeconds = Math.max(1, binding.timeToBlockExpire);
    throw new TooManyRequestsError(`Too many requests; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      details: { limit: check.limit, window_s: Math.round(check.ttlMs / 1000), scope: check.name },
    });
  }
}
