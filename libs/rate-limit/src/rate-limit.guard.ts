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
  routeOf,
  RouteFlag,
  SKIP_RATE_LIMIT_KEY,
  TooManyRequestsError,
} from '@app/core';

/** The three counters (standard §8): per user id, per anonymous IP, per IP on credential routes. */
export const THROTTLER = { user: 'user', anon: 'anon', auth: 'auth' } as const;
export type ThrottlerName = (typeof THROTTLER)[keyof typeof THROTTLER];

interface Check {
  name: ThrottlerName;
  tracker: string;
  limit: number;
  ttlMs: number;
}

interface Outcome extends ThrottlerStorageRecord {
  check: Check;
}

/**
 * @nestjs/throttler's guard, registered globally after the JWT guard so the caller is known:
 * a signed-in caller is counted by user id (users behind one NAT never share a budget), an
 * anonymous one by client IP (Fastify's `request.ip`, which honours X-Forwarded-For only when
 * TRUST_PROXY=true), and the credential routes by IP on a stricter counter as well.
 *
 * Every limited response carries X-RateLimit-Limit / -Remaining / -Reset (seconds) of its tightest
 * counter; over the limit the answer is 429 in the error envelope with Retry-After. Routes marked
 * @SkipRateLimit() (metrics, health) are not counted. The counters of one request are incremented
 * concurrently, so they share one Redis round trip.
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
  ) {
    super(options, storage, reflector);
    this.authRoutes = new Set(config.RATE_LIMIT_AUTH_ROUTES);
    this.keyPrefix = `${config.REDIS_KEY_PREFIX}:rl:`;
    this.enabled = config.RATE_LIMIT_ENABLED;
    this.skip = new RouteFlag(reflector, SKIP_RATE_LIMIT_KEY);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.enabled || context.getType() !== 'http') return true;
    if (this.skip.isSet(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: { id: string } }>();
    const checks = this.checksFor(request);
    const outcomes = await Promise.all(
      checks.map(async (check): Promise<Outcome> => {
        const record = await this.storageService.increment(
          this.keyPrefix + check.tracker,
          check.ttlMs,
          check.limit,
          check.ttlMs,
          check.name,
        );
        return { ...record, check };
      }),
    );
    const binding = tightest(outcomes);
    const reply = http.getResponse<FastifyReply>();
    void reply.header('x-ratelimit-limit', String(binding.check.limit));
    void reply.header(
      'x-ratelimit-remaining',
      String(Math.max(0, binding.check.limit - binding.totalHits)),
    );
    void reply.header('x-ratelimit-reset', String(Math.max(0, binding.timeToExpire)));
    if (binding.isBlocked) {
      const retryAfterSeconds = Math.max(1, binding.timeToBlockExpire);
      throw new TooManyRequestsError(`Too many requests; try again in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        details: {
          limit: binding.check.limit,
          window_s: Math.round(binding.check.ttlMs / 1000),
          scope: binding.check.name,
        },
      });
    }
    return true;
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

/** The counter that decides: a blocked one, else the one with the fewest requests left. */
function tightest(outcomes: Outcome[]): Outcome {
  let best = outcomes[0];
  for (const o of outcomes) {
    if (o.isBlocked !== best.isBlocked) {
      if (o.isBlocked) best = o;
      continue;
    }
    if (o.check.limit - o.totalHits < best.check.limit - best.totalHits) best = o;
  }
  return best;
}
