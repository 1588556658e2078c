import { Field } from './fields';
import { FeatureNames } from './names';

/** NVARCHAR(MAX) text: the longest value the API accepts. */
export const TEXT_MAX = 20_000;
export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;
/** decimal(18,2) as the API accepts it: 13 digits before the point keeps it exact through a double. */
export const DECIMAL_PATTERN = '^-?\\d{1,13}(\\.\\d{1,2})?$';
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const DATETIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/** SQL words that a query-builder alias must not be. */
const SQL_RESERVED = new Set([
  'add',
  'all',
  'and',
  'any',
  'as',
  'by',
  'case',
  'check',
  'column',
  'default',
  'delete',
  'desc',
  'distinct',
  'drop',
  'end',
  'file',
  'from',
  'group',
  'having',
  'in',
  'index',
  'insert',
  'into',
  'is',
  'join',
  'key',
  'like',
  'limit',
  'match',
  'not',
  'null',
  'of',
  'on',
  'or',
  'order',
  'plan',
  'primary',
  'row',
  'rule',
  'select',
  'set',
  'table',
  'to',
  'top',
  'transaction',
  'union',
  'update',
  'user',
  'values',
  'view',
  'where',
  'with',
]);

/** A field with everything the templates print for it. */
export interface FieldModel extends Field {
  /** `INVOICE_NUMBER_MAX` for string and text fields. */
  maxConst: string | undefined;
  maxValue: number | undefined;
  /** Entity property type, e.g. `string | null`. */
  entityType: string;
  /** JSON/DTO type, e.g. `string | null`. */
  jsonType: string;
  entityDecorators: string[];
  migrationColumn: string;
  /** Create-body decorators, ApiProperty first. */
  createDecorators: string[];
  /** The create DTO property declaration (`code: string` or `notes?: string | null`). */
  createDeclaration: string;
  resApiProperty: string;
  /** Entity (`row`) → JSON expression. */
  resExpr: string;
  /** Create DTO (`dto`) → entity value expression. */
  createExpr: string;
  /** Update DTO (`dto`, value known not undefined) → entity value expression. */
  changeExpr: string;
  /** Swagger example and seed values, as JS literals and values. */
  example: unknown;
  seedValue: (i: number) => unknown;
  /** A valid value in the e2e spec, as a TS expression of `n` (a number). */
  sampleExpr: string;
  sortable: boolean;
  sortKind: 'string' | 'number' | 'date' | undefined;
  /** `ix_…` index of its own (sorting or filtering), or undefined. */
  indexName: string | undefined;
  /** `uq_…` unique index, or undefined. */
  uniqueIndexName: string | undefined;
  /** Filters this field adds to the list query. */
  filters: FilterModel[];
  /** Invalid create values with the reason, for the e2e spec. */
  invalid: { value: string; why: string }[];
}

export interface FilterModel {
  /** Query parameter, e.g. `due_on_from`. */
  param: string;
  /** Repository filter property, e.g. `dueOnFrom`. */
  prop: string;
  /** Filter property type in the repository, e.g. `Date`. */
  type: string;
  /** Query DTO decorators, ApiPropertyOptional first. */
  decorators: string[];
  /** Query DTO property type. */
  queryType: string;
  /** query → filter expression (`query.x` or `new Date(query.x)`). */
  fromQuery: string;
  /** The SQL condition, using the alias and `:prop`. */
  condition: string;
  /** A valid value in the e2e spec and one that must be refused. */
  sampleValue: string;
  badValue: string;
}

export interface FeatureModel {
  n: FeatureNames;
  owner: boolean;
  fields: FieldModel[];
  unique: FieldModel[];
  searchable: FieldModel[];
  sortable: FieldModel[];
  filters: FilterModel[];
  defaultSort: string;
  /** Query-builder alias. */
  alias: string;
  /** Class-level entity decorators (composite and inherited-column indexes). */
  entityClassDecorators: string[];
  /** Migration index expressions. */
  migrationIndexes: string[];
  /** Imports the generated files need, per file. */
  imports: {
    entityTypeorm: string[];
    entityDatabase: string[];
    createValidator: string[];
    createCore: string[];
    createConsts: string[];
    queryValidator: string[];
    queryTransformer: string[];
    queryFromCreate: string[];
    queryCore: string[];
    resCore: string[];
    migrationDatabase: string[];
  };
  usesDecimal: boolean;
  hasInt: boolean;
  constants: { name: string; value: string }[];
  createPatterns: { name: string; value: string }[];
  migration: { className: string; file: string; timestamp: number };
  seedFile: string;
  seedKey: string[];
  seedRows: Record<string, unknown>[];
  /** Duplicate-value message for the 409. */
  duplicateMessage: string;
}

/** A JS literal in single quotes (prettier keeps them; the repo's style). */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return JSON.stringify(value);
}

function indexName(prefix: 'ix' | 'uq', table: string, columns: string[]): string {
  // Exactly as libs/database's index() names them, so entity and migration agree.
  return `${prefix}_${table}_${columns.join('_')}`.slice(0, 120);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number) => String(n).padStart(2, '0');

function stringExample(field: Field, i: number): string {
  const candidate = `${capitalize(field.label)} ${i}`;
  return candidate.length <= (field.length ?? 0) ? candidate : String(i);
}

function buildField(field: Field, n: FeatureNames, owner: boolean): FieldModel {
  const { name, prop, type, optional } = field;
  const maxConst =
    type === 'string' || type === 'text' ? `${n.CONST}_${name.toUpperCase()}_MAX` : undefined;
  const maxValue = type === 'string' ? field.length : type === 'text' ? TEXT_MAX : undefined;
  const nullable = optional ? ' | null' : '';
  const sortable = !optional && type !== 'text' && type !== 'bool';
  const filterable = ['bool', 'date', 'datetime', 'int', 'decimal'].includes(type);
  const uniqueIndexName = field.unique
    ? indexName('uq', n.table, owner ? ['owner_id', name] : [name])
    : undefined;
  // Sorting and filtering need an index of their own, unless the unique index already leads with it.
  const needsIndex = (sortable || filterable) && !(field.unique && !owner);
  const ix = needsIndex ? indexName('ix', n.table, [name]) : undefined;

  const entityDecorators: string[] = [];
  if (field.unique && !owner)
    entityDecorators.push(`@Index('${uniqueIndexName}', { unique: true })`);
  if (ix) entityDecorators.push(`@Index('${ix}')`);
  let entityType: string;
  let jsonType: string;
  let migrationColumn: string;
  const nullOpt = optional ? ', { nullable: true }' : '';
  const nullProp = optional ? ', nullable: true' : '';
  switch (type) {
    case 'string':
    case 'text':
      entityDecorators.push(`@TextColumn(${type === 'text' ? "'max'" : maxConst}${nullOpt})`);
      entityType = `string${nullable}`;
      jsonType = entityType;
      migrationColumn = `c.text('${name}', ${type === 'text' ? "'max'" : field.length}${nullOpt})`;
      break;
    case 'int':
      entityDecorators.push(`@Column({ type: 'int'${nullProp} })`);
      entityType = `number${nullable}`;
      jsonType = entityType;
      migrationColumn = `c.int('${name}'${nullOpt})`;
      break;
    case 'decimal':
      entityDecorators.push(
        `@Column({ type: 'decimal', precision: 18, scale: 2, transformer: decimalString${nullProp} })`,
      );
      entityType = `string${nullable}`;
      jsonType = entityType;
      migrationColumn = `{ name: '${name}', type: 'decimal', precision: 18, scale: 2, isNullable: ${optional} }`;
      break;
    case 'bool':
      entityDecorators.push(`@BoolColumn({ default: false })`);
      entityType = 'boolean';
      jsonType = 'boolean';
      migrationColumn = `c.bool('${name}', false)`;
      break;
    case 'date':
      entityDecorators.push(`@Column({ type: 'date', utc: true${nullProp} })`);
      entityType = `string${nullable}`;
      jsonType = entityType;
      migrationColumn = `{ name: '${name}', type: 'date', isNullable: ${optional} }`;
      break;
    case 'datetime':
      entityDecorators.push(`@DateTimeColumn(${optional ? '{ nullable: true }' : ''})`);
      entityType = `Date${nullable}`;
      jsonType = `string${nullable}`;
      migrationColumn = `c.datetime('${name}', { nullable: ${optional} })`;
      break;
  }

  // Examples: i = 1 is the Swagger example; seeds use 1 and 2.
  const seedValue = (i: number): unknown => {
    switch (type) {
      case 'string':
        return stringExample(field, i);
      case 'text':
        return `${capitalize(field.label)} of ${n.article} ${n.human} (${i}).`;
      case 'int':
        return 10 * i;
      case 'decimal':
        return `${1250 * i}.50`;
      case 'bool':
        return i % 2 === 1;
      case 'date':
        return `2026-12-${pad(10 * i)}`;
      case 'datetime':
        return `2026-11-${pad(27 + i)}T09:30:00.000Z`;
    }
  };
  const example = seedValue(1);

  // Create body: validation and Swagger.
  const uniqueNote = field.unique ? (owner ? 'unique per owner' : 'unique') : undefined;
  const description = (...parts: (string | undefined)[]) => {
    const text = parts.filter((p): p is string => Boolean(p)).join('; ');
    return text ? `, description: ${literal(capitalize(text))}` : '';
  };
  const clears = optional ? 'null clears it' : undefined;
  const api = optional || type === 'bool' ? 'ApiPropertyOptional' : 'ApiProperty';
  const nullableApi = optional
    ? `, nullable: true, type: ${type === 'int' ? "'integer'" : 'String'}`
    : '';
  const createDecorators: string[] = [];
  switch (type) {
    case 'string':
    case 'text':
      createDecorators.push(
        `@${api}({ example: ${literal(example)}, maxLength: ${maxConst}${nullableApi}${description(
          type === 'text' ? 'free text' : undefined,
          uniqueNote,
          'HTML is stripped',
          clears,
        )} })`,
        ...(optional ? ['@IsOptional()'] : []),
        '@SanitizedText()',
        '@IsString()',
        ...(optional ? [] : ['@IsNotEmpty()']),
        `@MaxLength(${maxConst})`,
      );
      break;
    case 'int':
      createDecorators.push(
        `@${api}({ example: ${literal(example)}, type: 'integer', minimum: INT_MIN, maximum: INT_MAX${optional ? ', nullable: true' : ''}${description(uniqueNote, clears)} })`,
        ...(optional ? ['@IsOptional()'] : []),
        '@IsInt()',
        '@Min(INT_MIN)',
        '@Max(INT_MAX)',
      );
      break;
    case 'decimal':
      createDecorators.push(
        `@${api}({ example: ${literal(example)}, type: String, pattern: DECIMAL_PATTERN.source${optional ? ', nullable: true' : ''}${description(
          'a string, to stay exact: up to 13 digits, a point and up to 2 decimals (decimal(18,2))',
          uniqueNote,
          clears,
        )} })`,
        ...(optional ? ['@IsOptional()'] : []),
        '@IsString()',
        `@Matches(DECIMAL_PATTERN, { message: ${literal(`${name} must be a decimal string such as "1250.50": up to 13 digits, a point and up to 2 decimals`)} })`,
      );
      break;
    case 'bool':
      createDecorators.push(
        `@ApiPropertyOptional({ example: ${literal(example)}, default: false })`,
        '@IsOptional()',
        `@IsBoolean({ message: ${literal(`${name} must be true or false`)} })`,
      );
      break;
    case 'date':
      createDecorators.push(
        `@${api}({ example: ${literal(example)}, type: String, format: 'date'${optional ? ', nullable: true' : ''}${description(
          'a calendar date (YYYY-MM-DD) without time or zone',
          uniqueNote,
          clears,
        )} })`,
        ...(optional ? ['@IsOptional()'] : []),
        '@IsString()',
        `@Matches(DATE_PATTERN, { message: ${literal(`${name} must be a date as YYYY-MM-DD`)} })`,
        `@IsISO8601({ strict: true }, { message: ${literal(`${name} must be a real calendar date`)} })`,
      );
      break;
    case 'datetime':
      createDecorators.push(
        `@${api}({ example: ${literal(example)}, type: String, format: 'date-time'${optional ? ', nullable: true' : ''}${description(
          'ISO-8601 with a zone (Z or ±hh:mm); stored and returned in UTC',
          uniqueNote,
          clears,
        )} })`,
        ...(optional ? ['@IsOptional()'] : []),
        '@IsString()',
        `@Matches(DATETIME_PATTERN, { message: ${literal(`${name} must be an ISO-8601 date-time with a zone, e.g. 2026-11-28T09:30:00Z`)} })`,
        `@IsISO8601({ strict: true }, { message: ${literal(`${name} must be a real date and time`)} })`,
      );
      break;
  }
  const createDeclaration =
    type === 'bool'
      ? `${name}?: boolean`
      : optional
        ? `${name}?: ${jsonType}`
        : `${name}: ${jsonType}`;

  const resApiProperty = (() => {
    const nullableRes = optional ? ', nullable: true' : '';
    switch (type) {
      case 'string':
      case 'text':
        return `@ApiProperty({ example: ${literal(example)}${optional ? ', nullable: true, type: String' : ''} })`;
      case 'int':
        return `@ApiProperty({ example: ${literal(example)}, type: 'integer'${nullableRes} })`;
      case 'decimal':
        return `@ApiProperty({ example: ${literal(example)}, type: String${nullableRes}, description: 'decimal(18,2) as a string (exact)' })`;
      case 'bool':
        return `@ApiProperty({ example: ${literal(example)} })`;
      case 'date':
        return `@ApiProperty({ example: ${literal(example)}, type: String, format: 'date'${nullableRes} })`;
      case 'datetime':
        return `@ApiProperty({ example: ${literal(example)}, type: String, format: 'date-time'${nullableRes}, description: 'UTC' })`;
    }
  })();

  const resExpr =
    type === 'bool'
      ? `Boolean(row.${prop})`
      : type === 'datetime'
        ? optional
          ? `isoTimestampOrNull(row.${prop})`
          : `isoTimestamp(row.${prop})`
        : `row.${prop}`;
  const createExpr =
    type === 'bool'
      ? `dto.${name} ?? false`
      : type === 'datetime'
        ? optional
          ? `dto.${name} ? new Date(dto.${name}) : null`
          : `new Date(dto.${name})`
        : optional
          ? `dto.${name} ?? null`
          : `dto.${name}`;
  const changeExpr =
    type === 'datetime'
      ? optional
        ? `dto.${name} === null ? null : new Date(dto.${name})`
        : `new Date(dto.${name})`
      : `dto.${name}`;

  const sampleExpr = (() => {
    switch (type) {
      case 'string':
        return field.label.length + 4 <= (field.length ?? 0)
          ? `\`${field.label}-\${n}\``
          : '`${n}`';
      case 'text':
        return `\`${field.label} text \${n}\``;
      case 'int':
        return 'n';
      case 'decimal':
        return '`${n}.25`';
      case 'bool':
        return 'n % 2 === 0';
      case 'date':
        return 'dateOf(n)';
      case 'datetime':
        return 'dateTimeOf(n)';
    }
  })();

  const invalid: { value: string; why: string }[] = (() => {
    switch (type) {
      case 'string':
        return [
          { value: '42', why: 'a number' },
          { value: `'x'.repeat(${(field.length ?? 0) + 1})`, why: 'too long' },
          ...(optional ? [] : [{ value: "'<b></b>'", why: 'empty once HTML is stripped' }]),
        ];
      case 'text':
        return [
          { value: '42', why: 'a number' },
          { value: `'x'.repeat(${TEXT_MAX + 1})`, why: 'too long' },
        ];
      case 'int':
        return [
          { value: "'ten'", why: 'a string' },
          { value: '1.5', why: 'not whole' },
          { value: '2147483648', why: 'beyond INT' },
        ];
      case 'decimal':
        return [
          { value: '12.5', why: 'a JSON number' },
          { value: "'12.345'", why: 'three decimals' },
          { value: "'12345678901234'", why: '14 digits' },
          { value: "'abc'", why: 'not a number' },
        ];
      case 'bool':
        return [{ value: "'yes'", why: 'not a boolean' }];
      case 'date':
        return [
          { value: "'2026-02-30'", why: 'no such day' },
          { value: "'2026-12-31T10:00:00Z'", why: 'a date-time' },
          { value: "'31/12/2026'", why: 'not ISO-8601' },
        ];
      case 'datetime':
        return [
          { value: "'yesterday'", why: 'not ISO-8601' },
          { value: "'2026-11-28T09:30:00'", why: 'no zone' },
          { value: "'2026-02-30T09:30:00Z'", why: 'no such day' },
        ];
    }
  })();

  const filters: FilterModel[] = [];
  const quoted = `\`${name}\``;
  switch (type) {
    case 'bool':
      filters.push({
        param: name,
        prop,
        type: 'boolean',
        queryType: 'boolean',
        decorators: [
          `@ApiPropertyOptional({ example: true, description: ${literal(`true: only ${n.humans} with ${quoted} true; false: only those with it false`)} })`,
          '@IsOptional()',
          '@Transform(queryBoolean)',
          `@IsBoolean({ message: ${literal(`${name} must be true or false`)} })`,
        ],
        fromQuery: `query.${name}`,
        condition: `${prop} = :${prop}`,
        sampleValue: 'true',
        badValue: 'maybe',
      });
      break;
    case 'date':
      for (const [suffix, op, words] of [
        ['From', '>=', 'on or after'],
        ['To', '<=', 'on or before'],
      ] as const) {
        filters.push({
          param: `${name}_${suffix.toLowerCase()}`,
          prop: `${prop}${suffix}`,
          type: 'string',
          queryType: 'string',
          decorators: [
            `@ApiPropertyOptional({ example: ${literal(suffix === 'From' ? '2026-01-01' : '2026-12-31')}, type: String, format: 'date', description: ${literal(`Only ${n.humans} with ${quoted} ${words} this date (YYYY-MM-DD)`)} })`,
            '@IsOptional()',
            '@IsString()',
            `@Matches(DATE_PATTERN, { message: ${literal(`${name}_${suffix.toLowerCase()} must be a date as YYYY-MM-DD`)} })`,
            `@IsISO8601({ strict: true }, { message: ${literal(`${name}_${suffix.toLowerCase()} must be a real calendar date`)} })`,
          ],
          fromQuery: `query.${name}_${suffix.toLowerCase()}`,
          condition: `${prop} ${op} :${prop}${suffix}`,
          sampleValue: '2026-01-01',
          badValue: '2026-13-01',
        });
      }
      break;
    case 'datetime':
      for (const [suffix, op, words] of [
        ['From', '>=', 'at or after'],
        ['To', '<', 'before'],
      ] as const) {
        filters.push({
          param: `${name}_${suffix.toLowerCase()}`,
          prop: `${prop}${suffix}`,
          type: 'Date',
          queryType: 'string',
          decorators: [
            `@ApiPropertyOptional({ example: ${literal(suffix === 'From' ? '2026-01-01T00:00:00Z' : '2027-01-01T00:00:00Z')}, type: String, format: 'date-time', description: ${literal(`Only ${n.humans} with ${quoted} ${words} this time (ISO-8601 with a zone)`)} })`,
            '@IsOptional()',
            '@IsString()',
            `@Matches(DATETIME_PATTERN, { message: ${literal(`${name}_${suffix.toLowerCase()} must be an ISO-8601 date-time with a zone`)} })`,
            `@IsISO8601({ strict: true }, { message: ${literal(`${name}_${suffix.toLowerCase()} must be a real date and time`)} })`,
          ],
          fromQuery: `query.${name}_${suffix.toLowerCase()} ? new Date(query.${name}_${suffix.toLowerCase()}) : undefined`,
          condition: `${prop} ${op} :${prop}${suffix}`,
          sampleValue: '2026-01-01T00:00:00Z',
          badValue: 'soon',
        });
      }
      break;
    case 'int':
    case 'decimal':
      for (const [suffix, op, words] of [
        ['Min', '>=', 'at least'],
        ['Max', '<=', 'at most'],
      ] as const) {
        const param = `${name}_${suffix.toLowerCase()}`;
        filters.push({
          param,
          prop: `${prop}${suffix}`,
          type: type === 'int' ? 'number' : 'string',
          queryType: type === 'int' ? 'number' : 'string',
          decorators:
            type === 'int'
              ? [
                  `@ApiPropertyOptional({ example: ${suffix === 'Min' ? 1 : 100}, type: 'integer', description: ${literal(`Only ${n.humans} with ${quoted} ${words} this`)} })`,
                  '@IsOptional()',
                  '@Transform(queryInt)',
                  `@IsInt({ message: ${literal(`${param} must be an integer`)} })`,
                  '@Min(INT_MIN)',
                  '@Max(INT_MAX)',
                ]
              : [
                  `@ApiPropertyOptional({ example: ${literal(suffix === 'Min' ? '100.00' : '5000.00')}, type: String, pattern: DECIMAL_PATTERN.source, description: ${literal(`Only ${n.humans} with ${quoted} ${words} this`)} })`,
                  '@IsOptional()',
                  '@IsString()',
                  `@Matches(DECIMAL_PATTERN, { message: ${literal(`${param} must be a decimal such as 1250.50`)} })`,
                ],
          fromQuery: `query.${param}`,
          condition: `${prop} ${op} :${prop}${suffix}`,
          sampleValue: type === 'int' ? '1' : '1.00',
          badValue: type === 'int' ? '1.5' : 'lots',
        });
      }
      break;
  }

  return {
    ...field,
    maxConst,
    maxValue,
    entityType,
    jsonType,
    entityDecorators,
    migrationColumn,
    createDecorators,
    createDeclaration,
    resApiProperty,
    resExpr,
    createExpr,
    changeExpr,
    example,
    seedValue,
    sampleExpr,
    sortable,
    sortKind: !sortable
      ? undefined
      : type === 'int' || type === 'decimal'
        ? 'number'
        : type === 'datetime'
          ? 'date'
          : 'string',
    indexName: ix,
    uniqueIndexName,
    filters,
    invalid,
  };
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

export interface ModelInput {
  names: FeatureNames;
  fields: Field[];
  owner: boolean;
  migrationTimestamp: number;
  seedFile: string;
}

/** Everything the templates need, computed once. */
export function buildModel(input: ModelInput): FeatureModel {
  const { names: n, owner } = input;
  const fields = input.fields.map((f) => buildField(f, n, owner));
  const unique = fields.filter((f) => f.unique);
  const searchable = fields.filter((f) => f.type === 'string' || f.type === 'text');
  const sortable = fields.filter((f) => f.sortable);
  const filters = fields.flatMap((f) => f.filters);
  const firstString = sortable.find((f) => f.type === 'string');
  const defaultSort = firstString ? firstString.name : '-created_at';
  const alias = SQL_RESERVED.has(n.singularCamel.toLowerCase())
    ? `${n.singularCamel}Row`
    : n.singularCamel;

  const entityClassDecorators = [
    `@Index('${indexName('ix', n.table, ['created_at'])}', ['createdAt'])`,
    ...(owner
      ? unique.map(
          (f) => `@Index('${f.uniqueIndexName}', ['ownerId', '${f.prop}'], { unique: true })`,
        )
      : []),
  ];
  const migrationIndexes = [
    ...fields.flatMap((f) => [
      ...(f.unique
        ? [`index('${n.table}', [${owner ? "'owner_id', " : ''}'${f.name}'], { unique: true })`]
        : []),
      ...(f.indexName ? [`index('${n.table}', ['${f.name}'])`] : []),
    ]),
    ...(owner ? [`index('${n.table}', ['owner_id'])`] : []),
    `index('${n.table}', ['created_at'])`,
  ];

  const types = new Set(fields.map((f) => f.type));
  const has = (...t: string[]) => t.some((x) => types.has(x as Field['type']));
  const optional = fields.some((f) => f.optional);

  const entityTypeorm = ['Entity', 'Index'];
  if (has('int', 'decimal', 'date')) entityTypeorm.push('Column');
  if (has('decimal')) entityTypeorm.push('ValueTransformer');
  if (owner) entityTypeorm.push('JoinColumn', 'ManyToOne');
  const entityDatabase = ['AppBaseEntity'];
  if (has('string', 'text')) entityDatabase.push('TextColumn');
  if (has('bool')) entityDatabase.push('BoolColumn');
  if (has('datetime')) entityDatabase.push('DateTimeColumn');
  if (owner) entityDatabase.push('ForeignIdColumn');

  const createValidator: string[] = [];
  if (optional || has('bool')) createValidator.push('IsOptional');
  if (has('string', 'text', 'decimal', 'date', 'datetime')) createValidator.push('IsString');
  if (fields.some((f) => (f.type === 'string' || f.type === 'text') && !f.optional))
    createValidator.push('IsNotEmpty');
  if (has('string', 'text')) createValidator.push('MaxLength');
  if (has('int')) createValidator.push('IsInt', 'Min', 'Max');
  if (has('decimal', 'date', 'datetime')) createValidator.push('Matches');
  if (has('bool')) createValidator.push('IsBoolean');
  if (has('date', 'datetime')) createValidator.push('IsISO8601');

  const queryValidator = ['IsOptional', 'IsString', 'MaxLength'];
  const queryTransformer: string[] = [];
  const queryFromCreate: string[] = [];
  if (has('bool')) {
    queryValidator.push('IsBoolean');
    queryTransformer.push('Transform');
  }
  if (has('int')) {
    queryValidator.push('IsInt', 'Min', 'Max');
    queryTransformer.push('Transform');
    queryFromCreate.push('INT_MIN', 'INT_MAX');
  }
  if (has('decimal', 'date', 'datetime') || owner) queryValidator.push('Matches');
  if (has('decimal')) queryFromCreate.push('DECIMAL_PATTERN');
  if (has('date')) queryFromCreate.push('DATE_PATTERN');
  if (has('datetime')) queryFromCreate.push('DATETIME_PATTERN');
  if (has('date', 'datetime')) queryValidator.push('IsISO8601');
  const queryCore = ['PageQueryDto', 'SortableField'];
  if (searchable.length > 0) queryCore.push('SanitizedText');
  if (has('bool')) queryCore.push('queryBoolean');
  if (has('int')) queryCore.push('queryInt');

  const constants = fields
    .filter((f) => f.maxConst !== undefined)
    .map((f) => ({
      name: f.maxConst as string,
      value: f.type === 'text' ? '20_000' : String(f.maxValue),
    }));
  const createPatterns: { name: string; value: string }[] = [];
  if (has('int')) {
    createPatterns.push({ name: 'INT_MIN', value: '-2_147_483_648' });
    createPatterns.push({ name: 'INT_MAX', value: '2_147_483_647' });
  }
  if (has('decimal'))
    createPatterns.push({ name: 'DECIMAL_PATTERN', value: `/${DECIMAL_PATTERN}/` });
  if (has('date')) createPatterns.push({ name: 'DATE_PATTERN', value: `/${DATE_PATTERN}/` });
  if (has('datetime'))
    createPatterns.push({ name: 'DATETIME_PATTERN', value: `/${DATETIME_PATTERN}/` });

  const migrationDatabase = ['index', 'migrationColumns'];
  if (owner) migrationDatabase.unshift('foreignKey');

  // Seeds are identified by their unique fields, else by fields whose JSON value equals what is
  // stored (a datetime string does not match SQLite's stored form, so it is the last resort).
  const exact = (f: FieldModel) => f.type !== 'datetime';
  const keyFields = [
    unique.filter(exact),
    fields.filter((f) => !f.optional && exact(f)),
    fields.filter(exact),
  ].find((candidates) => candidates.length > 0);
  const seedKey = [
    ...(owner ? ['ownerId'] : []),
    ...(keyFields ?? fields.slice(0, 1)).map((f) => f.prop),
  ];
  // Only date-times: no key would find a seeded row again, so the seed starts empty.
  const seedRows = (keyFields ? [1, 2] : []).map((i) => ({
    ...Object.fromEntries(fields.map((f) => [f.prop, f.seedValue(i)])),
    ...(owner
      ? { ownerId: { $ref: { entity: 'User', where: { email: 'author@quorum.local' } } } }
      : {}),
  }));

  const uniqueList = unique.map((f) => f.name).join(' and ');
  const duplicateMessage = owner
    ? `You already have ${n.article} ${n.human} with this ${uniqueList}`
    : `${capitalize(n.article)} ${n.human} with this ${uniqueList} already exists`;

  const className = `Create${n.Plural}${input.migrationTimestamp}`;
  return {
    n,
    owner,
    fields,
    unique,
    searchable,
    sortable,
    filters,
    defaultSort,
    alias,
    entityClassDecorators,
    migrationIndexes,
    imports: {
      entityTypeorm: sorted(entityTypeorm),
      entityDatabase: sorted(entityDatabase),
      createValidator: sorted(createValidator),
      createCore: searchable.length ? ['SanitizedText'] : [],
      createConsts: constants.map((c) => c.name),
      queryValidator: sorted(queryValidator),
      queryTransformer: sorted(queryTransformer),
      queryFromCreate: sorted(queryFromCreate),
      queryCore: sorted(queryCore),
      // created_at and updated_at always; isoTimestampOrNull for an optional date-time.
      resCore: fields.some((f) => f.type === 'datetime' && f.optional)
        ? ['isoTimestamp', 'isoTimestampOrNull']
        : ['isoTimestamp'],
      migrationDatabase,
    },
    usesDecimal: has('decimal'),
    hasInt: has('int'),
    constants,
    createPatterns,
    migration: {
      className,
      file: `${input.migrationTimestamp}-create-${n.plural}.ts`,
      timestamp: input.migrationTimestamp,
    },
    seedFile: input.seedFile,
    seedKey,
    seedRows,
    duplicateMessage,
  };
}
