/**
 * Fields never logged (standard §6, §11.4): credentials, tokens and secrets, at any depth of a
 * log line's object (bodies, errors, job data, headers).
 */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'current_password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'password_hash',
  'token',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'secret',
  'client_secret',
  'api_key',
  'apiKey',
  'authorization',
  'cookie',
  'reset_token',
  'resetToken',
  'resetLink',
  'reset_link',
];

export const REDACTED = '[REDACTED]';

const SECRET_KEYS = new Set(
  [...SECRET_FIELDS, 'x-api-key', 'set-cookie'].map((f) => f.toLowerCase()),
);
const MAX_DEPTH = 6;

function redactError(error: Error, depth: number): unknown {
  const own = Object.keys(error);
  if (!own.some((k) => SECRET_KEYS.has(k.toLowerCase()))) return error;
  const copy: Record<string, unknown> = {
    type: error.name,
    message: error.message,
    stack: error.stack,
  };
  for (const key of own)
    copy[key] = redactSecrets((error as unknown as Record<string, unknown>)[key], depth + 1, key);
  return copy;
}

/**
 * A copy of `value` with every secret-named field replaced by "[REDACTED]" (the original object
 * is returned untouched when nothing needs hiding, so ordinary log lines cost one key walk).
 * Used as pino's `formatters.log`: cheaper than wildcard redact paths on every line, and it
 * reaches any depth.
 */
export function redactSecrets(value: unknown, depth = 0, key = ''): unknown {
  if (key && SECRET_KEYS.has(key.toLowerCase())) return REDACTED;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item: unknown) => {
      const next = redactSecrets(item, depth + 1);
      changed ||= next !== item;
      return next;
    });
    return changed ? items : value;
  }
  // Only plain objects are walked: class instances (requests, responses, dates, buffers) go to
  // their serializers, which keep only safe fields.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const next = redactSecrets(record[k], depth + 1, k);
    if (next !== record[k]) {
      copy ??= { ...record };
      copy[k] = next;
    }
  }
  return copy ?? value;
}
