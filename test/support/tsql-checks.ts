/**
 * Structural checks on the T-SQL our migrations print for SQL Server (`npm run migration:sql`),
 * for tests: there is no SQL Server here and no trustworthy offline T-SQL parser, so this reads
 * the statements TypeORM's SQL Server query runner emits and checks them against the standard
 * (§2.1, §2.2 and docs/design "Data"):
 *
 * - every table has `"id" bigint NOT NULL IDENTITY(1,1)` as its primary key;
 * - `created_at` / `updated_at` are `datetime2 NOT NULL … DEFAULT SYSUTCDATETIME()`;
 * - text is `nvarchar(n|max)`: no varchar/char/text/ntext, and no legacy datetime/smalldatetime;
 * - every object named is in the configured schema (`"qa"."tags"`, never bare `"tags"`);
 * - every FOREIGN KEY is ON DELETE CASCADE unless it is in the exceptions list, and every listed
 *   one is needed (CASCADE there would give SQL Server a second cascade path);
 * - no table can be reached along two cascading paths, and no cascade cycles (SQL Server refuses
 *   both at CREATE time with error 1785, which nothing here would otherwise notice);
 * - every foreign key's columns lead some index (SQL Server does not index them by itself, and a
 *   cascading delete scans the child table without one);
 * - constraint names are unique in the schema and index names unique per table (SQL Server
 *   refuses a second object of the same name; SQLite does not care, so only this catches it).
 *
 * Everything is reported as a list of human-readable violations, so a failing test names them all.
 */

export type ReferentialAction = 'CASCADE' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

/** A migration's printed `up` statements, as `printMigrationsAsTsql` returns them. */
export interface MigrationStatements {
  name: string;
  statements: string[];
}

/** A foreign key allowed not to CASCADE, with the reason (see the list in the migrations test). */
export interface ForeignKeyException {
  /** The referencing table (unqualified). */
  table: string;
  columns: string[];
  onDelete: Exclude<ReferentialAction, 'CASCADE'>;
  reason: string;
}

/**
 * A table allowed to lack some of the standard columns, with the reason (a join table keyed by
 * its two references, an append-only table that is never updated…).
 */
export interface TableShapeException {
  table: string;
  without: ('id' | 'created_at' | 'updated_at')[];
  reason: string;
}

export interface PrintedColumn {
  name: string;
  /** Everything after the column name, e.g. `nvarchar(64) NOT NULL`. */
  definition: string;
}

export interface PrintedTable {
  name: string;
  migration: string;
  columns: PrintedColumn[];
  primaryKey: string[];
}

export interface PrintedForeignKey {
  name: string | undefined;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  migration: string;
  /** The constraint text as printed, e.g. `CONSTRAINT "FK_…" FOREIGN KEY ("parent_id") …`. */
  sql: string;
}

export interface PrintedIndex {
  name: string;
  table: string;
  columns: string[];
  unique: boolean;
  migration: string;
}

export interface TsqlCheckOptions {
  /** The schema every object must be in (DB_SCHEMA). */
  schema: string;
  foreignKeyExceptions?: readonly ForeignKeyException[];
  tableExceptions?: readonly TableShapeException[];
}

export interface TsqlCheckResult {
  /** Tables as they stand after every statement (dropped tables removed). */
  tables: PrintedTable[];
  foreignKeys: PrintedForeignKey[];
  indexes: PrintedIndex[];
  violations: string[];
  /** Exceptions that match nothing any more (stale entries: remove them). */
  unusedExceptions: (ForeignKeyException | TableShapeException)[];
}

const IDENT = String.raw`"(?:[^"]|"")+"`;
const PATH = String.raw`${IDENT}(?:\s*\.\s*${IDENT})*`;
const ACTION = String.raw`CASCADE|NO\s+ACTION|SET\s+NULL|SET\s+DEFAULT`;
const CASCADING: readonly ReferentialAction[] = ['CASCADE', 'SET NULL', 'SET DEFAULT'];
/** String types that are not Unicode or are deprecated, and pre-datetime2 date types. */
const FORBIDDEN_TYPES = /\b(varchar|char|text|ntext|image|datetime|smalldatetime)\b/gi;

function unquote(identifier: string): string {
  return identifier.trim().slice(1, -1).replace(/""/g, '"');
}

/** `"qa"."tags"` → ['qa', 'tags']. */
function pathParts(path: string): string[] {
  return [...path.matchAll(new RegExp(IDENT, 'g'))].map((m) => unquote(m[0]));
}

function identifierList(list: string): string[] {
  return [...list.matchAll(new RegExp(IDENT, 'g'))].map((m) => unquote(m[0]));
}

function normaliseAction(action: string | undefined): ReferentialAction {
  return (action ?? 'NO ACTION').toUpperCase().replace(/\s+/g, ' ') as ReferentialAction;
}

/** Blanks string literals and quoted identifiers, so keyword scans only see SQL. */
function sqlOnly(statement: string): string {
  return statement.replace(/'(?:[^']|'')*'/g, "''").replace(new RegExp(IDENT, 'g'), '""');
}

/** Splits on commas outside parentheses, string literals and quoted identifiers. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Parses `[CONSTRAINT "n"] FOREIGN KEY (…) REFERENCES path (…) [ON DELETE x] [ON UPDATE y]`. */
function parseForeignKey(
  text: string,
  table: string,
  migration: string,
): Omit<PrintedForeignKey, 'referencedTable'> & { referencedPath: string[] } {
  const match = new RegExp(
    String.raw`^(?:CONSTRAINT\s+(${IDENT})\s+)?FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+(${PATH})\s*\(([^)]*)\)([\s\S]*)$`,
    'i',
  ).exec(text.trim());
  if (!match) throw new Error(`Unreadable FOREIGN KEY in ${migration}: ${text}`);
  const [, name, columns, referenced, referencedColumns, rest] = match;
  const onDelete = new RegExp(String.raw`ON\s+DELETE\s+(${ACTION})`, 'i').exec(rest)?.[1];
  const onUpdate = new RegExp(String.raw`ON\s+UPDATE\s+(${ACTION})`, 'i').exec(rest)?.[1];
  return {
    name: name ? unquote(name) : undefined,
    table,
    columns: identifierList(columns),
    referencedPath: pathParts(referenced),
    referencedColumns: identifierList(referencedColumns),
    onDelete: normaliseAction(onDelete),
    onUpdate: normaliseAction(onUpdate),
    migration,
    sql: text.trim(),
  };
}

const fkKey = (table: string, columns: string[]) => `${table}(${columns.join(', ')})`;

export function checkTsql(
  migrations: readonly MigrationStatements[],
  options: TsqlCheckOptions,
): TsqlCheckResult {
  const { schema } = options;
  const exceptions = options.foreignKeyExceptions ?? [];
  const violations: string[] = [];
  const tables = new Map<string, PrintedTable>();
  const foreignKeys = new Map<string, PrintedForeignKey>(); // by table + constraint name/columns
  const indexes = new Map<string, PrintedIndex>(); // by table + index name
  const objects = new Map<string, string>(); // schema-scoped object name → owning table

  /** Reports a path that is not `"<schema>"."<name>"`. */
  const inSchema = (path: string[], where: string): void => {
    if (path.length !== 2 || path[0] !== schema) {
      violations.push(
        `${where}: "${path.join('.')}" is not qualified with the schema "${schema}" (expected "${schema}"."${path[path.length - 1]}")`,
      );
    }
  };
  /** The table a path names (its schema is checked once per statement, below). */
  const tableOf = (path: string): string => pathParts(path).pop() ?? '';

  const claimObject = (name: string, table: string, where: string) => {
    const owner = objects.get(name);
    if (owner !== undefined) {
      violations.push(
        `${where}: the name "${name}" is already used in schema "${schema}" (by ${owner}); SQL Server refuses duplicate object names`,
      );
    }
    objects.set(name, table);
  };

  const addForeignKey = (text: string, table: string, where: string, migration: string) => {
    const parsed = parseForeignKey(text, table, migration);
    const { referencedPath, ...rest } = parsed;
    const fk: PrintedForeignKey = {
      ...rest,
      referencedTable: referencedPath[referencedPath.length - 1],
    };
    if (fk.name) claimObject(fk.name, table, where);
    foreignKeys.set(`${table}\u0000${fk.name ?? fk.columns.join(',')}`, fk);
  };

  const checkColumn = (table: string, column: PrintedColumn, where: string) => {
    const type = /^([a-z0-9_]+)/i.exec(column.definition)?.[1]?.toLowerCase();
    if (type === 'nvarchar' && !/^nvarchar\s*\(\s*(\d+|max)\s*\)/i.test(column.definition)) {
      violations.push(`${where}: ${table}.${column.name} is nvarchar without a length`);
    }
    const df = new RegExp(String.raw`CONSTRAINT\s+(${IDENT})\s+DEFAULT`, 'i').exec(
      column.definition,
    );
    if (df) claimObject(unquote(df[1]), table, where);
  };

  for (const migration of migrations) {
    migration.statements.forEach((raw, i) => {
      const statement = raw.trim().replace(/;\s*$/, '');
      const where = `${migration.name} #${i + 1}`;

      // Every object a statement names must be schema-qualified.
      const blanked = statement.replace(/'(?:[^']|'')*'/g, "''");
      for (const m of blanked.matchAll(
        new RegExp(
          String.raw`\b(TABLE|ON|REFERENCES|INTO|FROM|JOIN|UPDATE|VIEW)\s+(${PATH})`,
          'gi',
        ),
      )) {
        inSchema(pathParts(m[2]), `${where} (${m[1].toUpperCase()})`);
      }

      // Types: Unicode text and datetime2 only.
      for (const m of sqlOnly(statement).matchAll(FORBIDDEN_TYPES)) {
        const type = m[1].toLowerCase();
        const instead = /date/.test(type) ? 'datetime2' : 'nvarchar(n|max)';
        violations.push(`${where}: uses ${type}; the standard wants ${instead}: ${statement}`);
      }

      let m: RegExpExecArray | null;
      if (
        (m = new RegExp(String.raw`^CREATE\s+TABLE\s+(${PATH})\s*\(([\s\S]*)\)$`, 'i').exec(
          statement,
        ))
      ) {
        const name = tableOf(m[1]);
        claimObject(name, name, where);
        const table: PrintedTable = {
          name,
          migration: migration.name,
          columns: [],
          primaryKey: [],
        };
        for (const item of splitTopLevel(m[2])) {
          const constraint = new RegExp(
            String.raw`^(?:CONSTRAINT\s+(${IDENT})\s+)?(PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK)\b([\s\S]*)$`,
            'i',
          ).exec(item);
          if (constraint) {
            const kind = constraint[2].toUpperCase().replace(/\s+/g, ' ');
            if (kind === 'FOREIGN KEY') {
              addForeignKey(item, name, where, migration.name);
              continue;
            }
            if (constraint[1]) claimObject(unquote(constraint[1]), name, where);
            if (kind === 'PRIMARY KEY') table.primaryKey = identifierList(constraint[3]);
            continue;
          }
          const column = new RegExp(String.raw`^(${IDENT})\s+([\s\S]+)$`).exec(item);
          if (!column) {
            violations.push(`${where}: unreadable item in CREATE TABLE ${name}: ${item}`);
            continue;
          }
          const printed = { name: unquote(column[1]), definition: column[2].trim() };
          table.columns.push(printed);
          checkColumn(name, printed, where);
        }
        tables.set(name, table);
      } else if (
        (m = new RegExp(String.raw`^ALTER\s+TABLE\s+(${PATH})\s+ADD\s+([\s\S]*)$`, 'i').exec(
          statement,
        ))
      ) {
        const name = tableOf(m[1]);
        for (const item of splitTopLevel(m[2])) {
          const constraint = new RegExp(
            String.raw`^(?:CONSTRAINT\s+(${IDENT})\s+)?(PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK|DEFAULT)\b`,
            'i',
          ).exec(item);
          if (constraint?.[2].toUpperCase().startsWith('FOREIGN')) {
            addForeignKey(item, name, where, migration.name);
          } else if (constraint) {
            if (constraint[1]) claimObject(unquote(constraint[1]), name, where);
          } else {
            const column = new RegExp(String.raw`^(${IDENT})\s+([\s\S]+)$`).exec(item);
            if (column) {
              const printed = { name: unquote(column[1]), definition: column[2].trim() };
              tables.get(name)?.columns.push(printed);
              checkColumn(name, printed, where);
            }
          }
        }
      } else if (
        (m = new RegExp(
          String.raw`^ALTER\s+TABLE\s+(${PATH})\s+DROP\s+CONSTRAINT\s+(${IDENT})$`,
          'i',
        ).exec(statement))
      ) {
        const name = tableOf(m[1]);
        const constraint = unquote(m[2]);
        objects.delete(constraint);
        foreignKeys.delete(`${name}\u0000${constraint}`);
      } else if (
        (m = new RegExp(
          String.raw`^CREATE\s+(UNIQUE\s+)?(?:(?:NON)?CLUSTERED\s+)?INDEX\s+(${IDENT})\s+ON\s+(${PATH})\s*\(([^)]*)\)`,
          'i',
        ).exec(statement))
      ) {
        const table = tableOf(m[3]);
        const name = unquote(m[2]);
        const key = `${table}\u0000${name}`;
        if (indexes.has(key))
          violations.push(`${where}: index "${name}" already exists on ${table}`);
        indexes.set(key, {
          name,
          table,
          columns: identifierList(m[4]),
          unique: Boolean(m[1]),
          migration: migration.name,
        });
      } else if (
        (m = new RegExp(String.raw`^DROP\s+INDEX\s+(${IDENT})\s+ON\s+(${PATH})$`, 'i').exec(
          statement,
        ))
      ) {
        indexes.delete(`${tableOf(m[2])}\u0000${unquote(m[1])}`);
      } else if ((m = new RegExp(String.raw`^DROP\s+TABLE\s+(${PATH})$`, 'i').exec(statement))) {
        const name = tableOf(m[1]);
        tables.delete(name);
        for (const [object, owner] of objects) if (owner === name) objects.delete(object);
        for (const [key, fk] of foreignKeys) if (fk.table === name) foreignKeys.delete(key);
        for (const [key, ix] of indexes) if (ix.table === name) indexes.delete(key);
      }
    });
  }

  // Per table: BIGINT identity id as primary key, UTC timestamps defaulting to SYSUTCDATETIME().
  const tableExceptions = options.tableExceptions ?? [];
  const usedTableExceptions = new Set<TableShapeException>();
  const utcTimestamp = new RegExp(
    String.raw`^datetime2\s+NOT\s+NULL\s+CONSTRAINT\s+${IDENT}\s+DEFAULT\s+SYSUTCDATETIME\(\)`,
    'i',
  );
  for (const table of tables.values()) {
    const where = `${table.migration}: table ${table.name}`;
    const column = (name: string) => table.columns.find((c) => c.name === name)?.definition;
    const exception = tableExceptions.find((e) => e.table === table.name);
    /** True when the exceptions excuse the column's absence (and it is indeed absent). */
    const excused = (name: 'id' | 'created_at' | 'updated_at') => {
      if (!exception?.without.includes(name)) return false;
      if (column(name) === undefined) usedTableExceptions.add(exception);
      else violations.push(`${where}: listed as without "${name}" but has it; update the list`);
      return true;
    };

    if (excused('id')) {
      if (table.primaryKey.length === 0) violations.push(`${where}: has no primary key`);
    } else {
      const id = column('id');
      if (!id || !/^bigint\s+NOT\s+NULL\s+IDENTITY\s*\(\s*1\s*,\s*1\s*\)/i.test(id)) {
        violations.push(
          `${where}: "id" must be bigint NOT NULL IDENTITY(1,1) (got ${id ?? 'no id column'})`,
        );
      }
      if (table.primaryKey.join(',') !== 'id') {
        violations.push(
          `${where}: primary key must be ("id") (got (${table.primaryKey.join(', ')}))`,
        );
      }
    }
    for (const name of ['created_at', 'updated_at'] as const) {
      if (excused(name)) continue;
      const definition = column(name);
      if (!definition || !utcTimestamp.test(definition)) {
        violations.push(
          `${where}: "${name}" must be datetime2 NOT NULL DEFAULT SYSUTCDATETIME() (got ${definition ?? 'no such column'})`,
        );
      }
    }
  }

  // Foreign keys: CASCADE unless excepted; excepted ones use exactly the listed action.
  const used = new Set<ForeignKeyException>();
  for (const fk of foreignKeys.values()) {
    const exception = exceptions.find(
      (e) => e.table === fk.table && e.columns.join(',') === fk.columns.join(','),
    );
    const where = `${fk.migration}: FOREIGN KEY ${fkKey(fk.table, fk.columns)} → ${fk.referencedTable}`;
    if (exception) {
      used.add(exception);
      if (fk.onDelete !== exception.onDelete) {
        violations.push(
          `${where} is listed as ON DELETE ${exception.onDelete} (${exception.reason}) but is ON DELETE ${fk.onDelete}`,
        );
      } else {
        // The exception must be one SQL Server forces: with CASCADE here it would refuse the schema.
        const ifCascading = [...foreignKeys.values()].map((other) =>
          other === fk ? { ...other, onDelete: 'CASCADE' as const } : other,
        );
        if (cascadePathViolations(ifCascading, 'onDelete').length === 0) {
          violations.push(
            `${where} is ON DELETE ${fk.onDelete}, but CASCADE would give no second cascade path: ` +
              `make it CASCADE and drop it from the exceptions`,
          );
        }
      }
    } else if (fk.onDelete !== 'CASCADE') {
      violations.push(
        `${where} is ON DELETE ${fk.onDelete}: foreign keys CASCADE (standard §2.1) unless listed in the exceptions with the reason`,
      );
    }
    const indexed = [
      ...[...indexes.values()].filter((ix) => ix.table === fk.table).map((ix) => ix.columns),
      tables.get(fk.table)?.primaryKey ?? [],
    ].some((columns) => fk.columns.every((c, i) => columns[i] === c));
    if (!indexed) {
      violations.push(
        `${where}: no index leads with (${fk.columns.join(', ')}); add index('${fk.table}', [${fk.columns.map((c) => `'${c}'`).join(', ')}])`,
      );
    }
  }

  violations.push(...cascadePathViolations([...foreignKeys.values()], 'onDelete'));
  violations.push(...cascadePathViolations([...foreignKeys.values()], 'onUpdate'));

  return {
    tables: [...tables.values()],
    foreignKeys: [...foreignKeys.values()],
    indexes: [...indexes.values()],
    violations,
    unusedExceptions: [
      ...exceptions.filter((e) => !used.has(e)),
      ...tableExceptions.filter((e) => !usedTableExceptions.has(e)),
    ],
  };
}

/**
 * SQL Server refuses a cascading foreign key when a DELETE (or UPDATE) on one table could reach
 * another table along two cascading routes, or come back round to itself (error 1785, "may cause
 * cycles or multiple cascade paths"). Walks the cascading edges child → parent from every table.
 */
function cascadePathViolations(
  foreignKeys: PrintedForeignKey[],
  action: 'onDelete' | 'onUpdate',
): string[] {
  const edges = foreignKeys.filter((fk) => CASCADING.includes(fk[action]));
  const verb = action === 'onDelete' ? 'DELETE' : 'UPDATE';
  const violations = new Set<string>();
  const describe = (path: PrintedForeignKey[]) =>
    path.map((fk) => `${fkKey(fk.table, fk.columns)} → ${fk.referencedTable}`).join(', ');

  for (const start of new Set(edges.map((fk) => fk.table))) {
    const pathsTo = new Map<string, PrintedForeignKey[][]>();
    const walk = (table: string, path: PrintedForeignKey[], seen: string[]) => {
      for (const fk of edges.filter((e) => e.table === table)) {
        const next = [...path, fk];
        if (fk.referencedTable === start || seen.includes(fk.referencedTable)) {
          violations.add(
            `ON ${verb} cascade cycle: ${describe(next)}. SQL Server refuses it (error 1785): make one of them NO ACTION and list it in the exceptions`,
          );
          continue;
        }
        pathsTo.set(fk.referencedTable, [...(pathsTo.get(fk.referencedTable) ?? []), next]);
        walk(fk.referencedTable, next, [...seen, fk.referencedTable]);
      }
    };
    walk(start, [], [start]);
    for (const [ancestor, paths] of pathsTo) {
      if (paths.length > 1) {
        violations.add(
          `Multiple ON ${verb} cascade paths from ${ancestor} to ${start}: ${paths.map((p) => `[${describe(p)}]`).join(' and ')}. ` +
            `SQL Server refuses this (error 1785): make one of them NO ACTION and list it in the exceptions with the reason`,
        );
      }
    }
  }
  return [...violations];
}

/** Reads `npm run migration:sql` output (`-- Name`, then `statement;` / `GO` pairs) back. */
export function parseMigrationSqlOutput(stdout: string): MigrationStatements[] {
  const migrations: MigrationStatements[] = [];
  let buffer: string[] = [];
  for (const line of stdout.split('\n')) {
    if (buffer.length === 0 && line.startsWith('-- ')) {
      migrations.push({ name: line.slice(3).trim(), statements: [] });
    } else if (line.trim() === 'GO') {
      const statement = buffer.join('\n').trim().replace(/;$/, '').trim();
      if (migrations.length === 0)
        throw new Error(`Statement before any migration header: ${statement}`);
      migrations[migrations.length - 1].statements.push(statement);
      buffer = [];
    } else if (line.trim() !== '' || buffer.length > 0) {
      buffer.push(line);
    }
  }
  if (buffer.join('').trim() !== '')
    throw new Error(`Output ends without GO: ${buffer.join('\n')}`);
  return migrations;
}
