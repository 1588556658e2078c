const STORED_SHAPE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * SQLite's datetime text as this app writes it (`STRFTIME('%Y-%m-%d %H:%M:%f')`, UTC):
 * `YYYY-MM-DD HH:MM:SS.SSS`, read from its fields. TypeORM's SQLite hydration gets the same Date
 * through two regular expressions, a replace and a string parse (~0.4 µs; a list page reads some
 * forty; decision 036). Anything else — another shape, a field out of range, a year before 1000,
 * a day past the 28th (where Date.UTC rolls over and a parse may not) — is `undefined`: the
 * driver's own hydration takes it.
 */
export function sqliteUtcDate(text: string): Date | undefined {
  if (!STORED_SHAPE.test(text)) return undefined;
  const year = +text.slice(0, 4);
  const month = +text.slice(5, 7);
  const day = +text.slice(8, 10);
  const hour = +text.slice(11, 13);
  const minute = +text.slice(14, 16);
  const second = +text.slice(17, 19);
  // Date.UTC reads years below 100 as 19xx.
  const inRange = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28;
  if (!inRange || hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, +text.slice(20, 23)));
}
