import { setTimeout as sleep } from 'node:timers/promises';

import {
  createFixtureDatabase,
  FixtureDatabase,
} from '../../../../test/fixtures/fixture-data-source';
import { FixtureChild, FixtureParent } from '../../../../test/fixtures/parent-child.entities';
import { TransactionRunner } from './transaction-runner';

/** TransactionRunner against a real SQLite file opened with the app's DataSource options. */
describe('TransactionRunner (SQLite)', () => {
  let db: FixtureDatabase;
  let transactions: TransactionRunner;
  const count = () => db.dataSource.manager.count(FixtureParent);

  beforeEach(async () => {
    db = await createFixtureDatabase();
    transactions = new TransactionRunner(db.dataSource);
  });

  afterEach(() => db.close());

  it('commits every statement of a unit of work and returns its result', async () => {
    const result = await transactions.run(async (m) => {
      const parent = await m.save(m.create(FixtureParent, { name: 'p' }));
      await m.save(m.create(FixtureChild, { parentId: parent.id, label: 'c' }));
      return parent.id;
    });

    expect(result).toEqual(expect.any(String));
    expect(await count()).toBe(1);
    expect(await db.dataSource.manager.count(FixtureChild)).toBe(1);
  });

  it('leaves nothing behind when the unit of work throws after two inserts', async () => {
    const failure = new Error('boom after two inserts');

    await expect(
      transactions.run(async (m) => {
        await m.insert(FixtureParent, { name: 'first' });
        await m.insert(FixtureParent, { name: 'second' });
        expect(await m.count(FixtureParent)).toBe(2); // visible inside the transaction
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await count()).toBe(0);
  });

  it('rolls back earlier inserts when a later statement fails in the database', async () => {
    await expect(
      transactions.run(async (m) => {
        await m.insert(FixtureParent, { name: 'kept?' });
        await m.insert(FixtureChild, { parentId: '999', label: 'orphan' }); // FK violation
      }),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);

    expect(await count()).toBe(0);
  });

  it('serialises concurrent units of work on SQLite, and all of them commit', async () => {
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        transactions.run(async (m) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await m.insert(FixtureParent, { name: `parent-${i}` });
          await sleep(5); // give the others every chance to interleave
          await m.insert(FixtureParent, { name: `parent-${i}-b` });
          order.push(i);
          active--;
          return i;
        }),
      ),
    );

    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxActive).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await count()).toBe(20);
  });

  it('rolls back only the failing unit among concurrent ones', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        transactions.run(async (m) => {
          await m.insert(FixtureParent, { name: `parent-${i}` });
          await sleep(2);
          if (i === 2) throw new Error(`unit ${i} fails`);
          await m.insert(FixtureParent, { name: `parent-${i}-b` });
        }),
      ),
    );

    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const names = (await db.dataSource.manager.find(FixtureParent)).map((p) => p.name);
    expect(names).toHaveLength(10);
    expect(names).not.toContain('parent-2');
  });

  it('is needed: without it, a second transaction on the one SQLite connection fails', async () => {
    const raw = async (i: number) => {
      const qr = db.dataSource.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        await qr.manager.insert(FixtureParent, { name: `raw-${i}` });
        await sleep(5);
        await qr.commitTransaction();
      } catch (error) {
        if (qr.isTransactionActive) await qr.rollbackTransaction();
        throw error;
      } finally {
        await qr.release();
      }
    };

    const outcomes = await Promise.allSettled([raw(1), raw(2)]);

    // Both QueryRunners share the one better-sqlite3 connection, so the second BEGIN lands
    // inside the first transaction. TransactionRunner's serialisation is what prevents this.
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({
        message: expect.stringMatching(/cannot start a transaction within a transaction/),
      }),
    });
  });
});
