import Database from 'better-sqlite3';

import { splitTopLevel } from './tsql-checks';

/**
 * Explains what `migration:generate --check` wants to change on a migrated SQLite file, as the net
 * difference between the schema the migrations built and the one the entities describe: TypeORM
 * on SQLite rewrites a whole table (and drops and re-creates its indexes) for any change, so its
 * raw output hides the few items that differ.
 */
export function explainGeneratedMigration(stdout: string, sqliteFile: string): string[] {
  const up = /public async up\(queryRunner: QueryRunner\): Promise<void> \{([\s\S]*?)\n {4}\}/.exec(
    stdout,
  )?.[1];
  if (up === undefined) return ['(no generated migration in the output)'];
  const statements = [...up.matchAll(/await queryRunner\.query\(`((?:[^`\\]|\\.)*)`\);/g)].map(
    (m) => m[1].replace(/\\`/g, '`').trim(),
  );

  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  let tables: Map<string, string>;
  let indexes: Map<string, string>;
  try {
    const rows = db
      .prepare<[], { type: string; name: string; sql: string | null }>(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
      )
      .all();
    tables = new Map(rows.filter((r) => r.type === 'table').map((r) => [r.name, r.sql ?? '']));
    indexes = new Map(
      rows.filter((r) => r.type === 'index' && r.sql).map((r) => [r.name, normalise(r.sql ?? '')]),
    );
  } finally {
    db.close();
  }

  const finalTables = new Map<string, string>();
  const finalIndexes = new Map(indexes);
  for (const statement of statements) {
    let m: RegExpExecArray | null;
    if ((m = /^CREATE TABLE "temporary_([^"]+)" /.exec(statement))) {
      finalTables.set(m[1], statement);
    } else if ((m = /^DROP INDEX "([^"]+)"$/.exec(statement))) {
      finalIndexes.delete(m[1]);
    } else if ((m = /^CREATE (?:UNIQUE )?INDEX "([^"]+)"/.exec(statement))) {
      finalIndexes.set(m[1], normalise(statement));
    } else if ((m = /^CREATE TABLE "([^"]+)" /.exec(statement))) {
      finalTables.set(m[1], statement);
    }
  }

  const lines: string[] = [];
  for (const [name, sql] of finalTables) {
    const before = new Set(items(tables.get(name) ?? ''));
    const after = new Set(items(sql));
    const removed = [...before].filter((i) => !after.has(i));
    const added = [...after].filter((i) => !before.has(i));
    for (const item of removed) lines.push(`${name}: in the migrations, not the entities: ${item}`);
    for (const item of added) lines.push(`${name}: in the entities, not the migrations: ${item}`);
  }
  for (const [name, sql] of indexes) {
    const after = finalIndexes.get(name);
    if (after === undefined) lines.push(`index in the migrations, not the entities: ${sql}`);
    else if (after !== sql) lines.push(`index differs: migrations ${sql} / entities ${after}`);
  }
  for (const [name, sql] of finalIndexes) {
    if (!indexes.has(name)) lines.push(`index in the entities, not the migrations: ${sql}`);
  }
  return lines.length > 0 ? lines : statements;
}

function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** The column and constraint items of a CREATE TABLE statement. */
function items(createTable: string): string[] {
  const open = createTable.indexOf('(');
  const close = createTable.lastIndexOf(')');
  if (open < 0 || close < open) return [];
  return splitTopLevel(createTable.slice(open + 1, close)).map(normalise);
}

/**
 * The CHECK constraints of a migrated SQLite file, as `<table>: <name> CHECK (<expression>)`.
 * `migration:generate` compares CHECK constraints by name only, so a test compares these with the
 * entities' `@Check`s to notice an expression that changed on one side only.
 */
export function migratedChecks(sqliteFile: string, tables: readonly string[]): string[] {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL",
      )
      .all()
      .filter((row) => tables.includes(row.name));
    return rows.flatMap(({ name, sql }) =>
      items(sql).flatMap((item) => {
        const check = /^CONSTRAINT "([^"]+)" CHECK \(([\s\S]*)\)$/.exec(item);
        return check ? [`${name}: ${check[1]} CHECK (${check[2]})`] : [];
      }),
    );
  } finally {
    db.close();
  }
}
