import { sqliteUtcDate } from './sqlite-date';

/** What TypeORM's SQLite driver makes of the same text: 'T' for the space, 'Z', then a parse. */
const typeormDate = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describe('sqliteUtcDate', () => {
  it('reads the stored shape to the same instant as the driver, across ten thousand values', () => {
    const start = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 10_000; i++) {
      const iso = new Date(start + i * 987_654_321 + (i % 1000)).toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
      const date = sqliteUtcDate(text) ?? typeormDate(text);
      expect(date.getTime()).toBe(typeormDate(text).getTime());
      expect(date.toISOString()).toBe(iso);
    }
  });

  it.each([
    '2026-11-28 09:30:00', // no milliseconds
    '2026-11-28T09:30:00.250Z', // ISO
    '2026-11-28 09:30:00.25', // short fraction
    '2026-13-01 00:00:00.000', // no such month
    '2026-02-30 00:00:00.000', // past the 28th: the driver decides
    '2026-01-01 24:00:00.000',
    '2026-01-01 23:60:00.000',
    '2026- 1-01 00:00:00.000',
    '0050-01-01 00:00:00.000', // Date.UTC would say 1950
    '2026-01-01 00:00:00.0a0', // a non-digit in each field in turn
    '2a26-01-01 00:00:00.000',
    '2026-0a-01 00:00:00.000',
    '2026-01-0a 00:00:00.000',
    '2026-01-01 0a:00:00.000',
    '2026-01-01 00:0a:00.000',
    '2026-01-01 00:00:a0.000',
    '2026-01-01 00:00:00:000', // wrong separators
    '2026/01/01 00:00:00.000',
    '2026-01-01T00:00:00.000',
    '2026-01-01 00:00:00.0000',
    '',
  ])('leaves %j to the driver', (text) => {
    expect(sqliteUtcDate(text)).toBeUndefined();
  });
});
