import { lockSecondsRemaining, lockUntilAfter, windowStart } from './lockout-rules';

const policy = { maxAttempts: 5, windowMinutes: 15, durationMinutes: 15 };
const now = new Date('2026-11-28T10:00:00.000Z');

describe('lockout rules', () => {
  it('locks at the fifth failure within the window, for 15 minutes', () => {
    expect(lockUntilAfter(4, policy, now)).toBeNull();
    expect(lockUntilAfter(5, policy, now)).toEqual(new Date('2026-11-28T10:15:00.000Z'));
  });

  it('counts failures of the last 15 minutes', () => {
    expect(windowStart(policy, now)).toEqual(new Date('2026-11-28T09:45:00.000Z'));
  });

  it('gives Retry-After in whole seconds, rounded up, and 0 once the lock is over', () => {
    expect(lockSecondsRemaining(new Date('2026-11-28T10:15:00.000Z'), now)).toBe(900);
    expect(lockSecondsRemaining(new Date('2026-11-28T10:00:00.200Z'), now)).toBe(1);
    expect(lockSecondsRemaining(new Date('2026-11-28T10:00:00.000Z'), now)).toBe(0);
    expect(lockSecondsRemaining(null, now)).toBe(0);
  });
});
