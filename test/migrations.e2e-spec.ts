import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { loadConfig } from '@app/core';
import {
  buildDataSourceOptions,
  createDataSource,
  loadMigrations,
  printMigrationsAsTsql,
} from '@app/database';

import { createFixtureDatabase } from './fixtures/fixture-data-source';
import { CreateParentsChildren1700000000000 } from './fixtures/migrations/1700000000000-create-parents-children';
import { FixtureChild, FixtureNote, FixtureParent } from './fixtures/parent-child.entities';
import {
  describeResult,
  REPO_ROOT,
  runCommand,
  runNpmScript,
  ScriptResult,
} from './support/run-script';
import { explainGeneratedMigration, migratedChecks } from './support/schema-diff';
import {
  checkTsql,
  ForeignKeyException,
  MigrationStatements,
  parseMigrationSqlOutput,
  TableShapeException,
  TsqlCheckOptions,
} from './support/tsql-checks';

/**
 * Foreign keys in migrations/ that do not ON DELETE CASCADE. The standard wants CASCADE on every
 * foreign key (§2.1), but SQL Server refuses a foreign key that would give a DELETE two cascading
 * routes to the same table, or a cycle (error 1785, "may cause cycles or multiple cascade paths").
 * One of the two routes must then be NO ACTION: deleting the parent is refused while dependants
 * exist, or the application deletes them first.
 *
 * A migration that adds such a foreign key must add it here, with the reason; the test fails for
 * a non-cascading foreign key missing from this list, for a listed one that does cascade, for a
 * cascade layout SQL Server would refuse, and for entries that match no foreign key any more.
 */
const FOREIGN_KEY_CASCADE_EXCEPTIONS: readonly ForeignKeyException[] = [
  {
    table: 'decisions',
    columns: ['step_id'],
    onDelete: 'NO ACTION',
    reason: 'workflows → workflow_steps → decisions and workflows → review_requests → decisions',
  },
  {
    table: 'decisions',
    columns: ['reviewer_id'],
    onDelete: 'NO ACTION',
    reason: 'users → decisions and users → review_requests → decisions',
  },
  {
    table: 'comments',
    columns: ['author_id'],
    onDelete: 'NO ACTION',
    reason: 'users → comments and users → review_requests → comments',
  },
];

/**
 * Tables in migrations/ that lack some of the standard columns (BIGINT identity id, created_at,
 * updated_at), with the reason. Anything else must have all three.
 */
const TABLE_SHAPE_EXCEPTIONS: readonly TableShapeException[] = [
  {
    table: 'review_request_tags',
    without: ['id', 'created_at', 'updated_at'],
    reason: 'join table: its primary key is (review_request_id, tag_id), rows are never updated',
  },
  {
    table: 'audit_logs',
    without: ['updated_at'],
    reason: 'append-only audit trail: rows are written once and never updated',
  },
];

/** The same list for the test fixture (test/fixtures/migrations). */
const FIXTURE_EXCEPTIONS: readonly ForeignKeyException[] = [
  {
    table: 'notes',
    columns: ['child_id'],
    onDelete: 'NO ACTION',
    reason: 'parents → notes already cascades directly; via children would be a second path',
  },
];

const SCHEMA = 'qa';
const SLOW = 120_000;
const CHECKS: TsqlCheckOptions = {
  schema: SCHEMA,
  foreignKeyExceptions: FOREIGN_KEY_CASCADE_EXCEPTIONS,
  tableExceptions: TABLE_SHAPE_EXCEPTIONS,
};

/** Fails with the script's output when it did not exit 0. */
function expectSuccess(name: string, result: ScriptResult): void {
  if (result.code !== 0) throw new Error(describeResult(name, result));
}

interface DbState {
  tables: string[];
  migrations: string[];
  journalMode: string;
}

/** Reads the SQLite file directly (not through TypeORM). */
function inspect(file: string): DbState {
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all();
    const migrations = tables.includes('migrations')
      ? db.prepare<[], string>('SELECT name FROM migrations ORDER BY id').pluck().all()
      : [];
    return { tables, migrations, journalMode: String(db.pragma('journal_mode', { simple: true })) };
  } finally {
    db.close();
  }
}

describe('migrations (e2e)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-migrations-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const expectedNames = loadMigrations().map((m) => m.name ?? m.constructor.name);
  const lastName = expectedNames[expectedNames.length - 1];

  // Spawned scripts take seconds each, so independent ones start together; tests read results.
  let sql: ScriptResult;
  let loadCliDataSource: ScriptResult;
  let lifecycle: Awaited<ReturnType<typeof runLifecycle>>;

  /** One fresh SQLite file through revert, run, run, revert, run, generate --check, in order. */
  async function runLifecycle() {
    const dir = tempDir();
    const file = join(dir, 'quorum.sqlite');
    const env = { DB_SQLITE_PATH: file };
    const revertFresh = await runNpmScript('migration:revert', env);
    const run1 = await runNpmScript('migration:run', env);
    const afterRun1 = inspect(file);
    const run2 = await runNpmScript('migration:run', env);
    const afterRun2 = inspect(file);
    const revert = await runNpmScript('migration:revert', env);
    const afterRevert = inspect(file);
    const run3 = await runNpmScript('migration:run', env);
    const afterRun3 = inspect(file);
    // --check compares only and writes nothing (exit 1, printing the migration, when they differ).
    const generate = await runNpmScript('migration:generate', env, [
      '--check',
      join(dir, 'generated', 'check'),
    ]);
    const scripts = { revertFresh, run1, run2, revert, run3, generate };
    return { file, dir, ...scripts, afterRun1, afterRun2, afterRevert, afterRun3, scripts };
  }

  /** migration:sql, then loading the TypeORM CLI's data source on its own (type-checked). */
  async function runOffline() {
    const printed = await runNpmScript('migration:sql', { DB_SCHEMA: SCHEMA });
    const load = await runCommand(
      'npx',
      [
        'ts-node',
        '-r',
        'tsconfig-paths/register',
        '-e',
        "require('./libs/database/src/data-source')",
      ],
      // Type-checked, as the TypeORM CLI loads it through ts-node.
      { DB_SQLITE_PATH: join(tempDir(), 'cli.sqlite'), TS_NODE_TRANSPILE_ONLY: 'false' },
    );
    return { printed, load };
  }

  // Each spawned script takes seconds; the two independent sequences run side by side.
  beforeAll(async () => {
    const started = Date.now();
    let offline: Awaited<ReturnType<typeof runOffline>>;
    [offline, lifecycle] = await Promise.all([runOffline(), runLifecycle()]);
    ({ printed: sql, load: loadCliDataSource } = offline);
    const timings = { sql, loadCliDataSource, ...lifecycle.scripts };
    console.log(
      `migration scripts: ${Date.now() - started} ms in all; ` +
        Object.entries(timings)
          .map(([name, r]) => `${name} ${r.ms} ms`)
          .join(', '),
    );
  }, SLOW);

  describe('npm run migration:sql (T-SQL for SQL Server, printed without a server)', () => {
    let printed: MigrationStatements[];
    beforeAll(() => {
      expectSuccess('migration:sql', sql);
      printed = parseMigrationSqlOutput(sql.stdout);
    });

    it('prints every migration in migrations/, oldest first, each with statements', () => {
      expect(sql.stderr).toBe('');
      expect(printed.map((m) => m.name)).toEqual(expectedNames);
      for (const migration of printed) expect(migration.statements.length).toBeGreaterThan(0);
    });

    it('prints what printMigrationsAsTsql returns for the same migrations', async () => {
      const direct = await printMigrationsAsTsql(loadMigrations(), SCHEMA);
      expect(printed).toEqual(
        direct.map((m) => ({ name: m.name, statements: m.statements.map((s) => s.trim()) })),
      );
    });

    it('follows the standard in every statement of every migration', () => {
      const result = checkTsql(printed, CHECKS);
      expect(result.violations).toEqual([]);
      expect(result.unusedExceptions).toEqual([]);
      expect(result.tables.length).toBeGreaterThan(0);
      expect(sql.stdout).not.toMatch(/"dbo"/);
    });

    it('creates tags with a BIGINT identity id, NVARCHAR text, datetime2 UTC timestamps', () => {
      const create = printed
        .flatMap((m) => m.statements)
        .find((s) => /CREATE TABLE "qa"."tags"/.test(s));
      expect(create).toBeDefined();
      expect(create).toContain('"id" bigint NOT NULL IDENTITY(1,1)');
      expect(create).toMatch(/CONSTRAINT "[^"]+" PRIMARY KEY \("id"\)/);
      expect(create).toContain('"name" nvarchar(64) NOT NULL');
      expect(create).toContain('"colour" nvarchar(7) NOT NULL');
      for (const column of ['created_at', 'updated_at']) {
        expect(create).toMatch(
          new RegExp(
            `"${column}" datetime2 NOT NULL CONSTRAINT "[^"]+" DEFAULT SYSUTCDATETIME\\(\\)`,
          ),
        );
      }
    });

    it('creates the declared tags indexes in the schema', () => {
      const statements = printed.flatMap((m) => m.statements);
      expect(statements).toContain('CREATE UNIQUE INDEX "uq_tags_name" ON "qa"."tags" ("name")');
      expect(statements).toContain(
        'CREATE INDEX "ix_tags_created_at" ON "qa"."tags" ("created_at")',
      );
    });
  });

  describe('a migration with foreign keys (test/fixtures/migrations)', () => {
    let fixture: MigrationStatements[];
    beforeAll(async () => {
      fixture = await printMigrationsAsTsql([new CreateParentsChildren1700000000000()], SCHEMA);
    });
    const statements = () => fixture.flatMap((m) => m.statements.map((s) => s.trim()));

    it('prints each foreign key in the schema, cascading on delete, with its index', () => {
      const children = statements().find((s) => s.startsWith('CREATE TABLE "qa"."children"'));
      expect(children).toMatch(
        /CONSTRAINT "[^"]+" FOREIGN KEY \("parent_id"\) REFERENCES "qa"\."parents" \("id"\) ON DELETE CASCADE/,
      );
      expect(children).toContain('"parent_id" bigint NOT NULL');
      expect(statements()).toContain(
        'CREATE INDEX "ix_children_parent_id" ON "qa"."children" ("parent_id")',
      );
      const notes = statements().find((s) => s.startsWith('CREATE TABLE "qa"."notes"'));
      expect(notes).toMatch(/REFERENCES "qa"\."parents" \("id"\) ON DELETE CASCADE/);
      expect(notes).toMatch(/REFERENCES "qa"\."children" \("id"\) ON DELETE NO ACTION/);
    });

    it('passes the same checks, with its documented NO ACTION exception', () => {
      const result = checkTsql(fixture, {
        schema: SCHEMA,
        foreignKeyExceptions: FIXTURE_EXCEPTIONS,
      });
      expect(result.violations).toEqual([]);
      expect(result.unusedExceptions).toEqual([]);
      expect(
        result.foreignKeys.map((fk) => [fk.table, fk.columns, fk.referencedTable, fk.onDelete]),
      ).toEqual([
        ['children', ['parent_id'], 'parents', 'CASCADE'],
        ['notes', ['parent_id'], 'parents', 'CASCADE'],
        ['notes', ['child_id'], 'children', 'NO ACTION'],
      ]);
    });

    it('refuses a NO ACTION exception that SQL Server would not need', () => {
      const noAction = fixture.map((m) => ({
        name: m.name,
        statements: m.statements.map((s) =>
          s.startsWith('CREATE TABLE "qa"."children"')
            ? s.replace('ON DELETE CASCADE', 'ON DELETE NO ACTION')
            : s,
        ),
      }));
      const result = checkTsql(noAction, {
        schema: SCHEMA,
        foreignKeyExceptions: [
          ...FIXTURE_EXCEPTIONS,
          { table: 'children', columns: ['parent_id'], onDelete: 'NO ACTION', reason: 'none' },
        ],
      });
      // (notes.child_id is then flagged too: with parents → children no longer cascading, CASCADE
      // on it would give no second path either.)
      expect(result.violations).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /children\(parent_id\) → parents is ON DELETE NO ACTION, but CASCADE would give no second cascade path/,
          ),
        ]),
      );
    });

    // The checks themselves: each broken variant of the fixture must be caught.
    it.each<[string, (sql: string) => string, RegExp]>([
      [
        'a second cascade path',
        (s) => s.replace('ON DELETE NO ACTION', 'ON DELETE CASCADE'),
        /Multiple ON DELETE cascade paths from parents to notes/,
      ],
      [
        'a foreign key that does not cascade and is not listed',
        (s) =>
          s.replace(
            /(\("parent_id"\) REFERENCES "qa"\."parents" \("id"\)) ON DELETE CASCADE/,
            '$1',
          ),
        /children\(parent_id\) → parents is ON DELETE NO ACTION/,
      ],
      [
        'a table outside the schema',
        (s) => s.replace('"qa"."children"', '"children"'),
        /"children" is not qualified with the schema "qa"/,
      ],
      [
        'a reference outside the schema',
        (s) => s.replace('REFERENCES "qa"."parents"', 'REFERENCES "dbo"."parents"'),
        /"dbo\.parents" is not qualified/,
      ],
      [
        'non-Unicode text',
        (s) => s.replace('"label" nvarchar(100)', '"label" varchar(100)'),
        /uses varchar/,
      ],
      [
        'legacy datetime',
        (s) => s.replace('"created_at" datetime2', '"created_at" datetime'),
        /uses datetime;/,
      ],
      [
        'an int id',
        (s) => s.replace('"id" bigint NOT NULL IDENTITY(1,1)', '"id" int NOT NULL IDENTITY(1,1)'),
        /"id" must be bigint NOT NULL IDENTITY\(1,1\)/,
      ],
      [
        'a local-time default',
        (s) => s.replace('DEFAULT SYSUTCDATETIME()', 'DEFAULT GETDATE()'),
        /must be datetime2 NOT NULL DEFAULT SYSUTCDATETIME\(\)/,
      ],
      [
        'an unindexed foreign key',
        (s) => s.replace(/^CREATE INDEX "ix_children_parent_id".*$/, ''),
        /children\(parent_id\) → parents: no index leads with \(parent_id\)/,
      ],
      [
        'two constraints with one name',
        (s) => s.replace(/CONSTRAINT "[^"]+" FOREIGN KEY/g, 'CONSTRAINT "same" FOREIGN KEY'),
        /the name "same" is already used in schema "qa"/,
      ],
    ])('catches %s', (_name, mutate, expected) => {
      const broken = fixture.map((m) => ({
        name: m.name,
        statements: m.statements.map((s) => mutate(s.trim())).filter((s) => s !== ''),
      }));
      const result = checkTsql(broken, {
        schema: SCHEMA,
        foreignKeyExceptions: FIXTURE_EXCEPTIONS,
      });
      expect(result.violations.join('\n')).toMatch(expected);
    });
  });

  describe('npm run migration:run / migration:revert on a fresh SQLite file', () => {
    it('applies every migration', () => {
      expectSuccess('migration:run', lifecycle.run1);
      for (const name of expectedNames) expect(lifecycle.run1.stdout).toContain(`Applied ${name}`);
      expect(lifecycle.afterRun1.migrations).toEqual(expectedNames);
      expect(lifecycle.afterRun1.tables).toEqual(expect.arrayContaining(['migrations', 'tags']));
    });

    it('creates every table the migrations create', () => {
      const tables = checkTsql(parseMigrationSqlOutput(sql.stdout), CHECKS).tables;
      expect(lifecycle.afterRun1.tables).toEqual(expect.arrayContaining(tables.map((t) => t.name)));
    });

    it('leaves the file in WAL mode', () => {
      expect(lifecycle.afterRun1.journalMode).toBe('wal');
    });

    it('reports no pending migrations on a second run and changes nothing', () => {
      expectSuccess('migration:run (again)', lifecycle.run2);
      expect(lifecycle.run2.stdout).toContain('No pending migrations');
      expect(lifecycle.run2.stdout).not.toContain('Applied');
      expect(lifecycle.afterRun2).toEqual(lifecycle.afterRun1);
    });

    it('migration:revert undoes the last migration only', () => {
      expectSuccess('migration:revert', lifecycle.revert);
      expect(lifecycle.revert.stdout).toContain(`Reverted ${lastName}`);
      expect(lifecycle.afterRevert.migrations).toEqual(expectedNames.slice(0, -1));
      const createdByLast = checkTsql(parseMigrationSqlOutput(sql.stdout), CHECKS)
        .tables.filter((t) => t.migration === lastName)
        .map((t) => t.name);
      for (const table of createdByLast) expect(lifecycle.afterRevert.tables).not.toContain(table);
    });

    it('re-applies the reverted migration on the next run', () => {
      expectSuccess('migration:run (after revert)', lifecycle.run3);
      expect(lifecycle.run3.stdout).toContain(`Applied ${lastName}`);
      expect(lifecycle.afterRun3).toEqual(lifecycle.afterRun1);
    });

    it('migration:revert on a database with nothing applied says so and succeeds', () => {
      expectSuccess('migration:revert (fresh)', lifecycle.revertFresh);
      expect(lifecycle.revertFresh.stdout).toContain('nothing to revert');
    });
  });

  describe('SQLite through the app DataSource', () => {
    it('enforces foreign keys on the connection TypeORM uses', async () => {
      const dataSource = createDataSource({
        ...buildDataSourceOptions(loadConfig({ DB_SQLITE_PATH: lifecycle.file })),
        logging: false,
      });
      await dataSource.initialize();
      try {
        expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
        expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      } finally {
        await dataSource.destroy();
      }
    });

    it('runs the fixture migration: orphans are refused and deletes cascade', async () => {
      const db = await createFixtureDatabase();
      try {
        const m = db.dataSource.manager;
        await expect(m.insert(FixtureChild, { parentId: '999', label: 'orphan' })).rejects.toThrow(
          /FOREIGN KEY constraint failed/,
        );
        const parent = await m.save(m.create(FixtureParent, { name: 'p' }));
        const child = await m.save(m.create(FixtureChild, { parentId: parent.id, label: 'c' }));
        await m.save(m.create(FixtureNote, { parentId: parent.id, childId: child.id, body: 'n' }));
        await m.delete(FixtureParent, { id: parent.id });
        expect(await m.count(FixtureChild)).toBe(0);
        expect(await m.count(FixtureNote)).toBe(0);
      } finally {
        await db.close();
      }
    });
  });

  describe('npm run migration:generate (TypeORM CLI, libs/database/src/data-source.ts)', () => {
    it('loads the CLI data source', () => {
      expectSuccess('ts-node -e "require(data-source)"', loadCliDataSource);
      expect(loadCliDataSource.stderr).toBe('');
    });

    it('compares the entities with the migrated database', () => {
      expect(lifecycle.generate.stdout).toMatch(
        /No changes in database schema were found|Unexpected changes in database schema/,
      );
      expect(existsSync(join(lifecycle.dir, 'generated'))).toBe(false);
    });

    it('finds no difference between the entities and the migrations', () => {
      if (lifecycle.generate.code !== 0) {
        const differences = explainGeneratedMigration(lifecycle.generate.stdout, lifecycle.file);
        throw new Error(
          `migration:generate --check exited ${String(lifecycle.generate.code)}: the entities and ` +
            `migrations/ disagree (net differences on SQLite):\n- ${differences.join('\n- ')}`,
        );
      }
      expect(lifecycle.generate.stdout).toContain('No changes in database schema were found');
    });

    // generate compares CHECK constraints by name only: an expression changed on one side only
    // (a status added to the entity's list without a migration) would pass it unnoticed.
    it('declares every CHECK constraint of the migrations on its entity, with the same expression', async () => {
      const dataSource = createDataSource({
        ...buildDataSourceOptions(loadConfig({ DB_SQLITE_PATH: lifecycle.file })),
        entities: [
          join(REPO_ROOT, 'apps', '*', 'src', '**', '*.entity.ts'),
          join(REPO_ROOT, 'libs', '*', 'src', '**', '*.entity.ts'),
        ],
        logger: 'advanced-console',
        logging: false,
      });
      await dataSource.initialize();
      try {
        const declared = dataSource.entityMetadatas.flatMap((m) =>
          m.checks.map((c) => `${m.tableName}: ${c.name} CHECK (${c.expression ?? ''})`),
        );
        const tables = dataSource.entityMetadatas.map((m) => m.tableName);
        expect(declared.sort()).toEqual(migratedChecks(lifecycle.file, tables).sort());
        expect(declared.length).toBeGreaterThan(0);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
