/**
 * Query-string values arrive as text: these `@Transform()` functions turn the exact forms
 * `true`/`false` and integer digits into their types and leave anything else as it was, so the
 * validator after them reports it (`page=abc` → 400 naming `page`).
 */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const queryInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
