import type { EntitySubscriberInterface } from 'typeorm';

import {
  createFixtureDatabase,
  FixtureDatabase,
} from '../../../../test/fixtures/fixture-data-source';
import { FixtureChild, FixtureParent } from '../../../../test/fixtures/parent-child.entities';
import { getManyPlain } from './get-many-plain';

/** getManyPlain against a real SQLite file opened with the app's DataSource options. */
describe('getManyPlain (SQLite)', () => {
  let db: FixtureDatabase;
  const children = () => db.dataSource.getRepository(FixtureChild).createQueryBuilder('c');

  beforeAll(async () => {
    db = await createFixtureDatabase();
    const manager = db.dataSource.manager;
    const parent = await manager.save(manager.create(FixtureParent, { name: 'p' }));
    for (let i = 0; i < 5; i++) {
      await manager.save(
        manager.create(FixtureChild, {
          parentId: parent.id,
          label: `c${i}`,
          tag: i % 2 ? 'odd' : null,
        }),
      );
    }
    // Dates in the three shapes SQLite hands back: with milliseconds, without, and ISO with Z.
    await manager.query(
      `UPDATE children SET created_at = '2026-11-28 09:30:00' WHERE label = 'c1'`,
    );
    await manager.query(
      `UPDATE children SET created_at = '2026-11-28T09:31:00.250Z' WHERE label = 'c2'`,
    );
  });

  afterAll(() => db.close());

  it('gives exactly what getMany gives: same class, values, dates, nulls and order', async () => {
    const query = () =>
      children().where('c.label <> :skip', { skip: 'c4' }).orderBy('c.id', 'DESC');

    const plain = await getManyPlain(query());
    const full = await query().getMany();

    expect(plain).toHaveLength(4);
    expect(plain).toEqual(full);
    expect(plain.every((c) => c instanceof FixtureChild)).toBe(true);
    expect(plain.map((c) => c.tag)).toEqual(full.map((c) => c.tag));
    expect(plain.find((c) => c.label === 'c1')?.createdAt.toISOString()).toBe(
      '2026-11-28T09:30:00.000Z',
    );
    expect(plain.find((c) => c.label === 'c2')?.createdAt.toISOString()).toBe(
      '2026-11-28T09:31:00.250Z',
    );
    // The id column's transformer ran: BIGINT ids are decimal strings.
    expect(typeof plain[0].id).toBe('string');
  });

  it('honours take and skip on a single-table query', async () => {
    const page = await getManyPlain(children().orderBy('c.id', 'ASC').skip(1).take(2));

    expect(page.map((c) => c.label)).toEqual(['c1', 'c2']);
  });

  it('leaves columns the query did not select unset, as getMany does', async () => {
    const query = () => children().select(['c.id', 'c.label']).orderBy('c.id', 'ASC');

    const plain = await getManyPlain(query());

    expect(plain).toEqual(await query().getMany());
    expect(plain[0]).not.toHaveProperty('createdAt');
  });

  it('hands queries with joins to getMany', async () => {
    const query = children()
      .innerJoinAndMapOne('c.parent', FixtureParent, 'p', 'p.id = c.parentId')
      .orderBy('c.id', 'ASC');
    const getMany = jest.spyOn(query, 'getMany');

    const rows = await getManyPlain(query);

    expect(getMany).toHaveBeenCalledTimes(1);
    expect((rows[0] as FixtureChild & { parent: FixtureParent }).parent.name).toBe('p');
  });

  it('hands queries to getMany while an after-load subscriber listens', async () => {
    const loaded: unknown[] = [];
    const subscriber: EntitySubscriberInterface = {
      afterLoad: (entity) => void loaded.push(entity),
    };
    db.dataSource.subscribers.push(subscriber);
    try {
      const rows = await getManyPlain(children().orderBy('c.id', 'ASC').take(2));

      expect(loaded).toEqual(rows);
    } finally {
      db.dataSource.subscribers.splice(db.dataSource.subscribers.indexOf(subscriber), 1);
    }
  });
});
