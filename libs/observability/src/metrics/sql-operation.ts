export type SqlOperation = 'select' | 'insert' | 'update' | 'delete' | 'transaction' | 'other';

/** True when `sql` has `word` (lower case) at `at`, compared case-insensitively, without allocating. */
function hasWordAt(sql: string, at: number, word: string): boolean {
  if (sql.length < at + word.length) return false;
  for (let k = 0; k < word.length; k++) {
    // `| 0x20` lowercases ASCII letters; the words compared are letters only.
    if ((sql.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The kind of a SQL statement from its first keyword: a label of a handful of values, read
 * without copying or lower-casing the statement (it runs for every query).
 */
export function sqlOperation(sql: string): SqlOperation {
  let i = 0;
  while (i < sql.length && (sql.charCodeAt(i) <= 32 || sql.charCodeAt(i) === 40) /* ( */) i++;
  switch (sql.charCodeAt(i) | 0x20) {
    case 0x73: // s
      if (hasWordAt(sql, i, 'select')) return 'select';
      if (hasWordAt(sql, i, 'save')) return 'transaction'; // SAVEPOINT, SAVE TRANSACTION
      return 'other';
    case 0x69: // i
      return hasWordAt(sql, i, 'insert') ? 'insert' : 'other';
    case 0x75: // u
      return hasWordAt(sql, i, 'update') ? 'update' : 'other';
    case 0x64: // d
      return hasWordAt(sql, i, 'delete') ? 'delete' : 'other';
    case 0x62: // b
      return hasWordAt(sql, i, 'begin') ? 'transaction' : 'other';
    case 0x63: // c
      return hasWordAt(sql, i, 'commit') ? 'transaction' : 'other';
    case 0x72: // r
      return hasWordAt(sql, i, 'rollback') || hasWordAt(sql, i, 'release')
        ? 'transaction'
        : 'other';
    default:
      return 'other';
  }
}
