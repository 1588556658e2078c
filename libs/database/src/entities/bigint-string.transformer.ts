import type { ValueTransformer } from 'typeorm';

/**
 * BIGINT values travel as decimal strings: mssql already returns strings, SQLite returns numbers
 * (exact below 2^53, which SQLite ids stay under in practice). Both end up as strings in JSON.
 */
export const bigintString: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: string | number | bigint | null | undefined) =>
    value === null || value === undefined ? value : String(value),
};
