/** Lockout arithmetic, pure (no I/O, the clock passed in) so it is tested without waiting. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowMinutes: number;
  durationMinutes: number;
}

const MINUTE_MS = 60_000;

/** Whole seconds the account stays locked (for Retry-After), 0 when it is not locked. */
export function lockSecondsRemaining(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Failures older than this do not count any more. */
export function windowStart(policy: LockoutPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.windowMinutes * MINUTE_MS);
}

/** The lock's end when this many failures in the window must lock the account, else null. */
export function lockUntilAfter(failures: number, policy: LockoutPolicy, now: Date): Date | null {
  return failures >= policy.maxAttempts
    ? new Date(now.getTime() + policy.durationMinutes * MINUTE_MS)
    : null;
}
