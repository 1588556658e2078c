import { SelectQueryBuilder } from 'typeorm';

import {
  createFixtureDatabase,
  FixtureDatabase,
} from '../../../../test/fixtures/fixture-data-source';
import { FixtureChild, FixtureParent } from '../../../../test/fixtures/parent-child.entities';
import { configureSqlTextCache, getRawManyReusingSql, queryShape } from './sql-text-cache';

/** getRawManyReusingSql against a real SQLite file opened with the app's DataSource options. */
describe('getRawManyReusingSql (SQLite)', () => {
  let db: FixtureDatabase;
  let parentId: string;
  const children = () => db.dataSource.getRepository(FixtureChild).createQueryBuilder('c');
  const labels = (rows: Record<string, unknown>[]) => rows.map((r) => r.c_label);
  /** Counts the SQL texts TypeORM builds from now on. */
  const countBuilds = () => jest.spyOn(SelectQueryBuilder.prototype, 'getQuery');

  beforeAll(async () => {
    db = await createFixtureDatabase();
    const manager = db.dataSource.manager;
    const parent = await manager.save(manager.create(FixtureParent, { name: 'p' }));
    parentId = parent.id;
    for (let i = 0; i < 5; i++) {
      await manager.save(
        manager.create(FixtureChild, { parentId, label: `c${i}`, tag: i % 2 ? 'odd' : 'even' }),
      );
    }
  });

  beforeEach(() => configureSqlTextCache(db.dataSource, { verify: false }));
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => db.close());

  it('builds the text of a shape once and binds each execution its own values', async () => {
    const builds = countBuilds();
    const byTag = (tag: string) =>
      children().where('c.tag = :tag', { tag }).orderBy('c.label', 'ASC');

    expect(labels(await getRawManyReusingSql(byTag('odd')))).toEqual(['c1', 'c3']);
    expect(labels(await getRawManyReusingSql(byTag('even')))).toEqual(['c0', 'c2', 'c4']);
    expect(builds).toHaveBeenCalledTimes(1);
  });

  it('reuses the text of an IN list whatever its length (the list is expanded when bound)', async () => {
    const builds = countBuilds();
    const byLabels = (names: string[]) =>
      children().where('c.label IN (:...names)', { names }).orderBy('c.label', 'ASC');

    expect(labels(await getRawManyReusingSql(byLabels(['c0'])))).toEqual(['c0']);
    expect(labels(await getRawManyReusingSql(byLabels(['c4', 'c2', 'c3'])))).toEqual([
      'c2',
      'c3',
      'c4',
    ]);
    expect(builds).toHaveBeenCalledTimes(1);
  });

  it('gives each shape its own text: conditions, order, selection and page size', async () => {
    const builds = countBuilds();
    const run = (qb: SelectQueryBuilder<FixtureChild>) => getRawManyReusingSql(qb);
    const base = () => children().orderBy('c.label', 'ASC');

    expect(labels(await run(base()))).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(labels(await run(base().andWhere('c.tag = :tag', { tag: 'odd' })))).toEqual([
      'c1',
      'c3',
    ]);
    expect(labels(await run(children().orderBy('c.label', 'DESC')))).toEqual([
      'c4',
      'c3',
      'c2',
      'c1',
      'c0',
    ]);
    expect(labels(await run(base().take(2)))).toEqual(['c0', 'c1']);
    expect(labels(await run(base().take(2).skip(3)))).toEqual(['c3', 'c4']);
    const onlyIds = await run(base().select('c.id'));
    expect(Object.keys(onlyIds[0])).toEqual(['c_id']);
    expect(builds).toHaveBeenCalledTimes(6);
    // Bracketed conditions are part of the shape too.
    expect(queryShape(base().andWhere('c.tag = :t', { t: 'odd' }))).not.toBe(
      queryShape(base().andWhere('c.tag <> :t', { t: 'odd' })),
    );
  });

  it('leaves the query builder as it was: the next execution builds its own text', async () => {
    const qb = children().where('c.tag = :tag', { tag: 'odd' });
    await getRawManyReusingSql(qb);

    expect(Object.prototype.hasOwnProperty.call(qb, 'getQuery')).toBe(false);
    qb.andWhere('c.label = :label', { label: 'c3' });
    expect(labels(await qb.getRawMany())).toEqual(['c3']);
  });

  it('builds queries it cannot describe as usual, every time (joins)', async () => {
    const builds = countBuilds();
    const joined = () =>
      children()
        .innerJoin(FixtureParent, 'p', 'p.id = c.parentId')
        .where('p.name = :name', { name: 'p' });

    expect(queryShape(joined())).toBeUndefined();
    expect(await getRawManyReusingSql(joined())).toHaveLength(5);
    expect(await getRawManyReusingSql(joined())).toHaveLength(5);
    expect(builds).toHaveBeenCalledTimes(2);
  });

  it('outside production, fails loudly when a cached text differs from the one built', async () => {
    // A shape that missed what tells two queries apart would serve one the other's SQL.
    const query = () => children().where('c.tag = :tag', { tag: 'odd' });
    /** The first query of the shape, built as another query's SQL. */
    const seedWrongText = async () => {
      const wrong = query();
      Object.defineProperty(wrong, 'getQuery', {
        value: () => 'SELECT 42 AS "c_label"',
        configurable: true,
      });
      expect(await getRawManyReusingSql(wrong)).toEqual([{ c_label: 42 }]);
    };

    // Production trusts the cache (and would answer wrongly)...
    await seedWrongText();
    expect(await getRawManyReusingSql(query())).toEqual([{ c_label: 42 }]);
    // ...where tests and development check it.
    configureSqlTextCache(db.dataSource, { verify: true });
    await seedWrongText();
    await expect(getRawManyReusingSql(query())).rejects.toThrow(/one shape built different SQL/);
  });

  it('keeps a bounded number of shapes, dropping the oldest', async () => {
    configureSqlTextCache(db.dataSource, { verify: false, maxShapes: 2 });
    const builds = countBuilds();
    const page = (size: number) => children().orderBy('c.label', 'ASC').take(size);

    for (const size of [1, 2, 3]) await getRawManyReusingSql(page(size)); // 3 builds; 1 dropped
    await getRawManyReusingSql(page(3)); // kept
    await getRawManyReusingSql(page(1)); // dropped: built again
    expect(builds).toHaveBeenCalledTimes(4);
  });
});
