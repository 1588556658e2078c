import { SchematicInputError } from './errors';
import { wordsOf } from './names';

export const FIELD_TYPES = [
  'string',
  'text',
  'int',
  'decimal',
  'bool',
  'date',
  'datetime',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const TYPE_ALIASES: Record<string, FieldType> = { integer: 'int', boolean: 'bool' };

const isFieldType = (value: string): value is FieldType =>
  (FIELD_TYPES as readonly string[]).includes(value);

/** NVARCHAR(255) unless `string(N)` says otherwise. */
export const DEFAULT_STRING_LENGTH = 255;
/**
 * Longest indexable `string(N)`: SQL Server limits a nonclustered index key to 1700 bytes (850
 * NVARCHAR characters); 800 leaves room for owner_id in a per-owner unique index. Longer text is
 * `text` (NVARCHAR(MAX)), which cannot be indexed, sorted or unique.
 */
export const MAX_STRING_LENGTH = 800;
export const MIN_STRING_LENGTH = 3;
export const MAX_FIELDS = 30;

/** Names the generated code already uses for columns, query parameters or relations. */
const RESERVED = new Set([
  'id',
  'created_at',
  'updated_at',
  'owner_id',
  'owner',
  'q',
  'sort',
  'page',
  'page_size',
  'cursor',
  'constructor',
  'prototype',
  'proto',
]);

/** One field of `--fields`, e.g. `number:string:unique`. */
export interface Field {
  /** snake_case: the JSON property and the column (`due_on`). */
  name: string;
  /** camelCase: the entity property (`dueOn`). */
  prop: string;
  /** Words for people (`due on`). */
  label: string;
  type: FieldType;
  /** NVARCHAR length of a `string`. */
  length: number | undefined;
  /** A unique index (per owner with --owner); 409 on a duplicate. */
  unique: boolean;
  /** Nullable column, optional in the create body, clearable with null. */
  optional: boolean;
}

export const FIELDS_HELP =
  'name:type[:unique][:optional], comma-separated; types: string, string(N), text, int, decimal, bool, date, datetime';

function parseType(raw: string, entry: string): { type: FieldType; length?: number } {
  const sized = /^string\((\d+)\)$/.exec(raw);
  if (sized) {
    const length = Number(sized[1]);
    if (length < MIN_STRING_LENGTH || length > MAX_STRING_LENGTH) {
      throw new SchematicInputError(
        `"${entry}": string(N) takes ${MIN_STRING_LENGTH} ≤ N ≤ ${MAX_STRING_LENGTH} (longer, unindexed text is "text")`,
      );
    }
    return { type: 'string', length };
  }
  const type: string = raw in TYPE_ALIASES ? TYPE_ALIASES[raw] : raw;
  if (!isFieldType(type)) {
    throw new SchematicInputError(
      `"${entry}": unknown type "${raw}"; use one of ${FIELD_TYPES.join(', ')} (or string(N))`,
    );
  }
  return { type };
}

function parseEntry(entry: string): Field {
  const [rawName, rawType, ...modifiers] = entry.split(':').map((part) => part.trim());
  if (!rawName || !rawType) {
    throw new SchematicInputError(`"${entry}" is not a field; write ${FIELDS_HELP}`);
  }
  const words = wordsOf(rawName);
  if (
    words.length === 0 ||
    !/^[a-z][a-z0-9]*$/.test(words[0]) ||
    words.some((w) => !/^[a-z0-9]+$/.test(w)) ||
    /[^A-Za-z0-9_]/.test(rawName)
  ) {
    throw new SchematicInputError(
      `"${rawName}" is not a usable field name: letters, digits and underscores, starting with a letter (e.g. due_on)`,
    );
  }
  const name = words.join('_');
  if (RESERVED.has(name)) {
    throw new SchematicInputError(
      `"${name}" is reserved (the generated code has id, created_at, updated_at, owner_id and the list parameters q, sort, page, page_size, cursor); rename the field`,
    );
  }
  if (name.length > 60) throw new SchematicInputError(`"${name}" is longer than 60 characters`);
  const { type, length } = parseType(rawType.toLowerCase(), entry);
  const field: Field = {
    name,
    prop:
      words[0] +
      words
        .slice(1)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
    label: words.join(' '),
    type,
    length: type === 'string' ? (length ?? DEFAULT_STRING_LENGTH) : undefined,
    unique: false,
    optional: false,
  };
  for (const modifier of modifiers.map((m) => m.toLowerCase())) {
    if (modifier === 'unique') field.unique = true;
    else if (modifier === 'optional' || modifier === 'nullable') field.optional = true;
    else {
      throw new SchematicInputError(
        `"${entry}": unknown modifier "${modifier}"; use unique and/or optional`,
      );
    }
  }
  if (field.unique && (type === 'text' || type === 'bool')) {
    throw new SchematicInputError(
      `"${entry}": a ${type} cannot be unique (${type === 'text' ? 'NVARCHAR(MAX) cannot be indexed on SQL Server; use string or string(N)' : 'it has two values'})`,
    );
  }
  if (field.unique && field.optional) {
    throw new SchematicInputError(
      `"${entry}": unique and optional together behave differently per database (SQL Server's unique index admits one NULL, SQLite's any number); make the field required, or drop unique`,
    );
  }
  if (field.optional && type === 'bool') {
    throw new SchematicInputError(
      `"${entry}": bool fields are never null (they default to false); drop :optional`,
    );
  }
  return field;
}

/** Query parameters a field adds to the list endpoint (see model.ts). */
export function filterNamesOf(field: Field): string[] {
  switch (field.type) {
    case 'bool':
      return [field.name];
    case 'date':
    case 'datetime':
      return [`${field.name}_from`, `${field.name}_to`];
    case 'int':
    case 'decimal':
      return [`${field.name}_min`, `${field.name}_max`];
    default:
      return [];
  }
}

/** Parses `--fields`, e.g. `number:string:unique,amount:decimal,due_on:date`. */
export function parseFields(spec: string): Field[] {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw new SchematicInputError(`--fields is empty; write ${FIELDS_HELP}`);
  }
  if (entries.length > MAX_FIELDS) {
    throw new SchematicInputError(`--fields lists ${entries.length} fields; at most ${MAX_FIELDS}`);
  }
  const fields = entries.map(parseEntry);
  const used = new Map<string, string>();
  for (const field of fields) {
    const names: [string, string][] = [
      [field.name, `the field ${field.name}`],
      ...filterNamesOf(field)
        .filter((f) => f !== field.name)
        .map((f): [string, string] => [f, `a list filter of ${field.name}`]),
    ];
    for (const [name, role] of names) {
      const earlier = used.get(name);
      if (earlier === role) throw new SchematicInputError(`field "${name}" is listed twice`);
      if (earlier !== undefined) {
        throw new SchematicInputError(
          `"${name}" would be both ${earlier} and ${role} (query parameter); rename a field`,
        );
      }
      used.set(name, role);
    }
  }
  return fields;
}
