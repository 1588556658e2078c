import { QueryRunner } from 'typeorm';

import { foreignKey, index, joinTable, migrationColumns } from './migration-columns';

/** Only the dialect is read from the QueryRunner. */
const runnerFor = (type: 'better-sqlite3' | 'mssql') =>
  ({ connection: { driver: { options: { type } } } }) as unknown as QueryRunner;

describe('migrationColumns', () => {
  const sqlite = migrationColumns(runnerFor('better-sqlite3'));
  const mssql = migrationColumns(runnerFor('mssql'));

  it('makes the id a BIGINT identity on SQL Server and an INTEGER rowid alias on SQLite', () => {
    expect(mssql.id()).toMatchObject({ type: 'bigint', isPrimary: true, isGenerated: true });
    expect(sqlite.id()).toMatchObject({ type: 'integer', isPrimary: true, isGenerated: true });
  });

  it('spells NVARCHAR(MAX) only on SQL Server (SQLite rejects "max")', () => {
    expect(mssql.text('body', 'max')).toMatchObject({ type: 'nvarchar', length: 'max' });
    expect(sqlite.text('body', 'max')).toMatchObject({ type: 'nvarchar', length: '' });
    expect(sqlite.text('name', 64)).toMatchObject({ type: 'nvarchar', length: '64' });
  });

  it('quotes a text default', () => {
    expect(mssql.text('status', 20, { default: "it's" }).default).toBe("'it''s'");
  });

  it('spells INT as TypeORM normalises it per dialect', () => {
    expect(mssql.int('position').type).toBe('int');
    expect(sqlite.int('position').type).toBe('integer');
  });

  it('defaults created_at / updated_at to the UTC now of each dialect', () => {
    expect(mssql.timestamps()).toEqual([
      expect.objectContaining({
        name: 'created_at',
        type: 'datetime2',
        default: 'SYSUTCDATETIME()',
      }),
      expect.objectContaining({
        name: 'updated_at',
        type: 'datetime2',
        default: 'SYSUTCDATETIME()',
      }),
    ]);
    expect(sqlite.timestamps().map((c) => c.type)).toEqual(['datetime', 'datetime']);
  });
});

describe('foreignKey', () => {
  it('cascades by default and references the id', () => {
    expect(foreignKey('parent_id', 'parents')).toMatchObject({
      columnNames: ['parent_id'],
      referencedTableName: 'parents',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
  });

  it('leaves the name to the naming strategy, which includes the owning table', () => {
    // Two tables with a `parent_id` must not get the same constraint name (SQL Server refuses).
    expect(foreignKey('parent_id', 'parents').name).toBeUndefined();
  });
});

describe('index', () => {
  it('names indexes after their table and columns', () => {
    expect(index('tags', ['name'], { unique: true })).toMatchObject({
      name: 'uq_tags_name',
      columnNames: ['name'],
      isUnique: true,
    });
    expect(index('tags', ['created_at']).name).toBe('ix_tags_created_at');
  });
});

describe('joinTable', () => {
  it("is the table TypeORM's @JoinTable expects: composite key, CASCADE keys, one index a side", () => {
    const table = joinTable(runnerFor('mssql'), 'post_labels', [
      { column: 'post_id', references: 'posts' },
      { column: 'label_id', references: 'labels' },
    ]);
    expect(table.name).toBe('post_labels');
    expect(table.columns.map((c) => [c.name, c.type, c.isPrimary, c.isNullable])).toEqual([
      ['post_id', 'bigint', true, false],
      ['label_id', 'bigint', true, false],
    ]);
    expect(table.foreignKeys).toEqual([
      expect.objectContaining({
        columnNames: ['post_id'],
        referencedTableName: 'posts',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      }),
      expect.objectContaining({
        columnNames: ['label_id'],
        referencedTableName: 'labels',
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      }),
    ]);
    expect(table.indices.map((i) => i.columnNames)).toEqual([['post_id'], ['label_id']]);
    // Named by the naming strategy at CREATE time, as @JoinTable's own keys and indexes are.
    expect(table.foreignKeys.map((fk) => fk.name)).toEqual([undefined, undefined]);
    expect(table.indices.map((i) => i.name)).toEqual([undefined, undefined]);
  });
});
