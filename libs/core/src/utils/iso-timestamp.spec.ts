import { isoTimestamp, isoTimestampOrNull } from './iso-timestamp';

describe('isoTimestamp', () => {
  it('matches toISOString across ten thousand dates, padding included', () => {
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < 10_000; i++) {
      // Steps that are not multiples of a second, minute or day walk every field's padding.
      const date = new Date(start + i * 987_654_321 + (i % 1000));
      expect(isoTimestamp(date)).toBe(date.toISOString());
    }
  });

  it('gives the edges of the four-digit years and the epoch as toISOString does', () => {
    for (const ms of [0, Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
      expect(isoTimestamp(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });

  it('leaves other years and invalid dates to toISOString', () => {
    const extended = new Date(Date.UTC(10_000, 0, 1));
    const early = new Date(Date.UTC(999, 0, 1));

    expect(isoTimestamp(extended)).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoTimestamp(early)).toBe('0999-01-01T00:00:00.000Z');
    expect(() => isoTimestamp(new Date(NaN))).toThrow(RangeError);
  });
});

describe('isoTimestampOrNull', () => {
  it('formats a date as isoTimestamp does and keeps null', () => {
    const date = new Date(Date.UTC(2026, 10, 28, 17, 5, 9, 42));

    expect(isoTimestampOrNull(date)).toBe('2026-11-28T17:05:09.042Z');
    expect(isoTimestampOrNull(null)).toBeNull();
  });
});
