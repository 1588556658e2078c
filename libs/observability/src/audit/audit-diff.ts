/** Field names whose values never enter the audit trail (nor logs). */
const SECRET_FIELD = /pass(word)?|secret|token|hash|api[_-]?key|authorization|cookie/i;

export const REDACTED_VALUE = '[REDACTED]';

export type AuditSnapshot = Record<string, unknown> | null | undefined;
export type AuditDiff = Record<string, { before?: unknown; after?: unknown }>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/**
 * The fields that changed between two snapshots (a create has no `before`, a delete no `after`).
 * Secret fields appear only as "[REDACTED]", so the trail shows that a password changed, not to what.
 */
export function auditDiff(before: AuditSnapshot, after: AuditSnapshot): AuditDiff {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: AuditDiff = {};
  for (const key of [...keys].sort()) {
    const b = before?.[key];
    const a = after?.[key];
    if (before && after && same(b, a)) continue;
    const secret = SECRET_FIELD.test(key);
    const entry: { before?: unknown; after?: unknown } = {};
    if (before) entry.before = secret ? REDACTED_VALUE : normalise(b);
    if (after) entry.after = secret ? REDACTED_VALUE : normalise(a);
    diff[key] = entry;
  }
  return diff;
}
