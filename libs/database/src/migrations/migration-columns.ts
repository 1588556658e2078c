import { QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

import { COLUMN_TYPES, Dialect, NOW_SQL } from '../dialect';

/**
 * Table-API building blocks for migrations that run on SQLite and SQL Server alike and can be
 * printed as T-SQL without a server (no queries, no hasTable checks in `up`).
 */
export function dialectOf(queryRunner: QueryRunner): Dialect {
  return queryRunner.connection.driver.options.type === 'mssql' ? 'mssql' : 'sqlite';
}

export function migrationColumns(queryRunner: QueryRunner) {
  const dialect = dialectOf(queryRunner);
  const types = COLUMN_TYPES[dialect];
  return {
    /** BIGINT IDENTITY(1,1) primary key (INTEGER PRIMARY KEY AUTOINCREMENT on SQLite). */
    id: (): TableColumnOptions => ({
      name: 'id',
      type: types.id as string,
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    /** A BIGINT reference to another table's id. */
    ref: (name: string, options: { nullable?: boolean } = {}): TableColumnOptions => ({
      name,
      type: types.id as string,
      isNullable: options.nullable ?? false,
    }),
    /** NVARCHAR(length | MAX); SQLite has no MAX (a syntax error there) and needs no length. */
    text: (
      name: string,
      length: number | 'max',
      options: { nullable?: boolean; default?: string } = {},
    ): TableColumnOptions => ({
      name,
      type: types.text as string,
      length: length === 'max' && dialect === 'sqlite' ? '' : String(length),
      isNullable: options.nullable ?? false,
      ...(options.default !== undefined
        ? { default: `'${options.default.replace(/'/g, "''")}'` }
        : {}),
    }),
    /**
     * INT. Spelled `integer` on SQLite: TypeORM normalises an entity's `int` to `integer` there,
     * so a column created as `int` would differ from its entity for `migration:generate` forever.
     */
    int: (
      name: string,
      options: { nullable?: boolean; default?: number } = {},
    ): TableColumnOptions => ({
      name,
      type: dialect === 'sqlite' ? 'integer' : 'int',
      isNullable: options.nullable ?? false,
      ...(options.default !== undefined ? { default: options.default } : {}),
    }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: types.bool as string,
      isNullable: false,
      default: defaultValue ? 1 : 0,
    }),
    datetime: (name: string, options: { nullable?: boolean } = {}): TableColumnOptions => ({
      name,
      type: types.datetime as string,
      isNullable: options.nullable ?? true,
    }),
    /** created_at / updated_at defaulting to the server's UTC now (SYSUTCDATETIME()). */
    timestamps: (): TableColumnOptions[] =>
      ['created_at', 'updated_at'].map((name) => ({
        name,
        type: types.datetime as string,
        isNullable: false,
        default: NOW_SQL[dialect],
      })),
  };
}

/**
 * A foreign key. CASCADE by default (standard §2.1); pass 'NO ACTION' only where SQL Server
 * refuses multiple cascade paths, and say why in the migration.
 *
 * Named by TypeORM's naming strategy (FK_ + a hash of the owning table and columns), the one
 * naming convention for foreign keys here: never set `name` on it. Constraint names are unique per
 * schema on SQL Server, and a name built from the referenced table and column alone repeats as
 * soon as two tables reference the same one (e.g. two `workflow_id` columns). It is also the name
 * TypeORM gives the entity's `@ManyToOne` + `@JoinColumn` on that column, so `migration:generate`
 * matches it; the entity must declare that relation (with the same onDelete), or generate drops
 * the constraint.
 */
export function foreignKey(
  column: string,
  referencedTable: string,
  onDelete: 'CASCADE' | 'NO ACTION' | 'SET NULL' = 'CASCADE',
): TableForeignKey {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete,
  });
}

export function index(
  table: string,
  columns: string[],
  options: { unique?: boolean } = {},
): TableIndex {
  const prefix = options.unique ? 'uq' : 'ix';
  return new TableIndex({
    name: `${prefix}_${table}_${columns.join('_')}`.slice(0, 120),
    columnNames: columns,
    isUnique: options.unique ?? false,
  });
}

/** One side of a many-to-many join table: its column and the table whose id it holds. */
export interface JoinTableSide {
  column: string;
  references: string;
}

/**
 * A many-to-many join table exactly as TypeORM's `@ManyToMany` + `@JoinTable` describes it, so
 * `migration:generate` finds nothing to change: the two references as a composite primary key,
 * each a foreign key ON DELETE CASCADE ON UPDATE CASCADE (TypeORM's join-table default; ids are
 * identities and never change, so ON UPDATE never fires) and each with an index of its own. Keys
 * and indexes are named by the naming strategy (FK_… / IDX_…): `@JoinTable` can name the keys but
 * not the indexes. The first side is the owner's (`joinColumn`), the second `inverseJoinColumn`.
 */
export function joinTable(
  queryRunner: QueryRunner,
  name: string,
  sides: [JoinTableSide, JoinTableSide],
): Table {
  const c = migrationColumns(queryRunner);
  return new Table({
    name,
    columns: sides.map((side) => ({ ...c.ref(side.column), isPrimary: true })),
    foreignKeys: sides.map(
      (side) =>
        new TableForeignKey({
          columnNames: [side.column],
          referencedTableName: side.references,
          referencedColumnNames: ['id'],
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
        }),
    ),
    indices: sides.map((side) => new TableIndex({ columnNames: [side.column] })),
  });
}
