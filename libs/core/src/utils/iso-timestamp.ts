const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `date.toISOString()`, built from the date's UTC fields: the same text at well under half the
 * cost (V8's own took ~0.34 µs, and a list page formats some forty timestamps; decision 036).
 * Years outside 1000–9999 and invalid dates go to `toISOString` itself (extended years,
 * RangeError).
 */
export function isoTimestamp(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return (
    `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}` +
    `.${pad3(date.getUTCMilliseconds())}Z`
  );
}

/** {@link isoTimestamp} for optional dates: null stays null (the wire's "not yet"). */
export function isoTimestampOrNull(date: Date | null): string | null {
  return date ? isoTimestamp(date) : null;
}
