import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { DataSource, IsNull } from 'typeorm';

import { loadConfig } from '@app/core';
import {
  buildDataSourceOptions,
  createDataSource,
  isSeedRef,
  parseSeedFile,
  SEEDS_DIR,
  SeedFile,
} from '@app/database';

import { describeResult, REPO_ROOT, runNpmScript, ScriptResult } from './support/run-script';

const SLOW = 120_000;

/** Row counts of every table, read from the file directly. */
function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all();
    return Object.fromEntries(
      tables.map((t) => [
        t,
        db.prepare<[], number>(`SELECT COUNT(*) FROM "${t}"`).pluck().get() ?? 0,
      ]),
    );
  } finally {
    db.close();
  }
}

function expectSuccess(name: string, result: ScriptResult): void {
  if (result.code !== 0) throw new Error(describeResult(name, result));
}

describe('npm run seed (e2e)', () => {
  const seedFiles: { name: string; file: SeedFile }[] = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      file: parseSeedFile(name, readFileSync(join(SEEDS_DIR, name), 'utf8')),
    }));

  let dir: string;
  let file: string;
  let before: Record<string, number>;
  let first: ScriptResult;
  let afterFirst: Record<string, number>;
  let second: ScriptResult;
  let afterSecond: Record<string, number>;
  /** The app's DataSource with every entity, opened after both runs (to map entities to tables). */
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-seeds-'));
    file = join(dir, 'quorum.sqlite');
    const options = buildDataSourceOptions(loadConfig({ DB_SQLITE_PATH: file }));

    // Migrated first, in-process, through the app's own DataSource options.
    const migrator = createDataSource({ ...options, logger: 'advanced-console', logging: false });
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    before = tableCounts(file);

    const env = { DB_SQLITE_PATH: file };
    first = await runNpmScript('seed', env);
    afterFirst = tableCounts(file);
    second = await runNpmScript('seed', env);
    afterSecond = tableCounts(file);
    console.log(`seed: first run ${first.ms} ms, second run ${second.ms} ms`);

    dataSource = createDataSource({
      ...options,
      entities: [
        join(REPO_ROOT, 'apps', '*', 'src', '**', '*.entity.ts'),
        join(REPO_ROOT, 'libs', '*', 'src', '**', '*.entity.ts'),
      ],
      logger: 'advanced-console',
      logging: false,
    });
    await dataSource.initialize();
  }, SLOW);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from a migrated, empty database', () => {
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['migrations', 'tags']));
    for (const { file: seed } of seedFiles) {
      expect(before[dataSource.getMetadata(seed.entity).tableName]).toBe(0);
    }
  });

  it('inserts every seed row on the first run and says so per file', () => {
    expectSuccess('seed', first);
    for (const { name, file: seed } of seedFiles) {
      expect(first.stdout).toContain(`${name}: ${seed.rows.length} inserted, 0 already present`);
    }
    for (const { file: seed } of seedFiles) {
      const table = dataSource.getMetadata(seed.entity).tableName;
      expect({ table, rows: afterFirst[table] }).toEqual({ table, rows: seed.rows.length });
    }
  });

  it('inserts nothing on the second run and reports every row as already present', () => {
    expectSuccess('seed (again)', second);
    for (const { name, file: seed } of seedFiles) {
      expect(second.stdout).toContain(`${name}: 0 inserted, ${seed.rows.length} already present`);
    }
    expect(afterSecond).toEqual(afterFirst);
  });

  it('holds each seed row exactly once, by its key', async () => {
    for (const { name, file: seed } of seedFiles) {
      const metadata = dataSource.getMetadata(seed.entity);
      for (const row of seed.rows) {
        // Keys holding a $ref are covered by the table counts above.
        if (seed.key.some((k) => isSeedRef(row[k]))) continue;
        const where = Object.fromEntries(seed.key.map((k) => [k, row[k] ?? IsNull()]));
        const count = await dataSource.manager.countBy(metadata.target, where);
        expect({ file: name, key: where, count }).toEqual({ file: name, key: where, count: 1 });
      }
    }
  });

  it('stores the tags exactly as seeds/010-tags.json lists them', async () => {
    const tags = seedFiles.find((s) => s.file.entity === 'Tag');
    expect(tags).toBeDefined();
    const byName = (a: { name: unknown }, b: { name: unknown }) =>
      String(a.name) < String(b.name) ? -1 : 1;
    const rows = await dataSource.query<{ name: string; colour: string }[]>(
      'SELECT name, colour FROM tags',
    );
    const expected = [...(tags?.file.rows ?? [])].map((r) => ({ name: r.name, colour: r.colour }));
    expect(rows.sort(byName)).toEqual(expected.sort(byName));
  });
});
