import { sqlOperation } from './sql-operation';

describe('sqlOperation', () => {
  it.each([
    ['SELECT "t"."id" FROM "tags" "t"', 'select'],
    ['  select 1', 'select'],
    ['(SELECT 1) UNION (SELECT 2)', 'select'],
    ['INSERT INTO "tags"("name") OUTPUT INSERTED."id" VALUES (@0)', 'insert'],
    ['UPDATE "tags" SET "name" = ?', 'update'],
    ['DELETE FROM "tags" WHERE "id" = ?', 'delete'],
    ['BEGIN TRANSACTION', 'transaction'],
    ['COMMIT', 'transaction'],
    ['ROLLBACK', 'transaction'],
    ['SAVEPOINT typeorm_1', 'transaction'],
    ['SAVE TRANSACTION typeorm_1', 'transaction'],
    ['RELEASE SAVEPOINT typeorm_1', 'transaction'],
    ['PRAGMA foreign_keys = ON', 'other'],
    ['CREATE TABLE "x" ("id" integer)', 'other'],
    ['EXEC sp_rename', 'other'],
    ['', 'other'],
    ['sel', 'other'],
    ['DROP TABLE "x"', 'other'],
  ])('%s → %s', (sql, expected) => {
    expect(sqlOperation(sql)).toBe(expected);
  });
});
