import { applyDecorators, SetMetadata } from '@nestjs/common';

/** Routes carrying this metadata are never rate limited (metrics scrapes, health probes). */
export const SKIP_RATE_LIMIT_KEY = 'quorum:skip-rate-limit';

/**
 * What @nestjs/throttler's `@SkipThrottle()` sets for its default throttler (`THROTTLER:SKIP` +
 * throttler name). Set too, so the stock ThrottlerGuard skips the route without extra code.
 */
const THROTTLER_SKIP_DEFAULT_KEY = 'THROTTLER:SKIPdefault';

/**
 * Opts a route (or controller) out of rate limiting. Whatever guard does rate limiting must
 * honour SKIP_RATE_LIMIT_KEY, e.g. in a ThrottlerGuard subclass's `shouldSkip()`:
 * `reflector.getAllAndOverride(SKIP_RATE_LIMIT_KEY, [context.getHandler(), context.getClass()])`.
 */
export const SkipRateLimit = () =>
  applyDecorators(
    SetMetadata(SKIP_RATE_LIMIT_KEY, true),
    SetMetadata(THROTTLER_SKIP_DEFAULT_KEY, true),
  );
