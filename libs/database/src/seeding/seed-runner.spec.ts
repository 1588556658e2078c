import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@nestjs/common';

import {
  createFixtureDatabase,
  FixtureDatabase,
} from '../../../../test/fixtures/fixture-data-source';
import {
  FixtureChild,
  FixtureNote,
  FixtureParent,
} from '../../../../test/fixtures/parent-child.entities';
import { TransactionRunner } from '../transaction/transaction-runner';
import { SeedRegistry } from './seed-registry';
import { SeedRunner } from './seed-runner';

const ref = (entity: string, where: Record<string, unknown>) => ({ $ref: { entity, where } });

/** SeedRunner against a real, migrated SQLite file and seed files in a temp folder. */
describe('SeedRunner', () => {
  let db: FixtureDatabase;
  let seedsDir: string;
  let registry: SeedRegistry;
  let runner: SeedRunner;

  beforeAll(() => {
    Logger.overrideLogger(false); // the runner's per-file summary lines
  });

  const seed = (name: string, content: unknown) =>
    writeFileSync(join(seedsDir, name), JSON.stringify(content));

  beforeEach(async () => {
    db = await createFixtureDatabase();
    seedsDir = mkdtempSync(join(tmpdir(), 'quorum-seeds-'));
    registry = new SeedRegistry();
    runner = new SeedRunner(db.dataSource, new TransactionRunner(db.dataSource), registry);
  });

  afterEach(async () => {
    await db.close();
    rmSync(seedsDir, { recursive: true, force: true });
  });

  it('resolves $ref values to the referenced row ids, in file-name order', async () => {
    // Named so that only name order (not creation order) lets the references resolve.
    seed('030-notes.json', {
      entity: 'FixtureNote',
      key: ['childId'],
      rows: [
        {
          parentId: ref('FixtureParent', { name: 'beta' }),
          childId: ref('FixtureChild', { label: 'first' }),
          body: 'hello',
        },
      ],
    });
    seed('020-children.json', {
      entity: 'FixtureChild',
      key: ['parentId', 'label'],
      rows: [{ parentId: ref('FixtureParent', { name: 'beta' }), label: 'first' }],
    });
    seed('010-parents.json', {
      entity: 'FixtureParent',
      key: ['name'],
      rows: [{ name: 'alpha' }, { name: 'beta' }],
    });
    seed('README.txt', 'not a seed file');

    const reports = await runner.run(seedsDir);

    expect(reports).toEqual([
      { file: '010-parents.json', entity: 'FixtureParent', inserted: 2, existing: 0 },
      { file: '020-children.json', entity: 'FixtureChild', inserted: 1, existing: 0 },
      { file: '030-notes.json', entity: 'FixtureNote', inserted: 1, existing: 0 },
    ]);
    const m = db.dataSource.manager;
    const beta = await m.findOneByOrFail(FixtureParent, { name: 'beta' });
    const child = await m.findOneByOrFail(FixtureChild, { label: 'first' });
    const note = await m.findOneByOrFail(FixtureNote, { body: 'hello' });
    expect(child.parentId).toBe(beta.id);
    expect(note.parentId).toBe(beta.id);
    expect(note.childId).toBe(child.id);
  });

  it('inserts nothing on a second run, including rows whose key holds a $ref', async () => {
    seed('010-parents.json', { entity: 'FixtureParent', key: ['name'], rows: [{ name: 'alpha' }] });
    seed('020-children.json', {
      entity: 'FixtureChild',
      key: ['parentId', 'label'],
      rows: [
        { parentId: ref('FixtureParent', { name: 'alpha' }), label: 'a' },
        { parentId: ref('FixtureParent', { name: 'alpha' }), label: 'b' },
      ],
    });
    await runner.run(seedsDir);

    const again = await runner.run(seedsDir);

    expect(again.map((r) => [r.inserted, r.existing])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(await db.dataSource.manager.count(FixtureParent)).toBe(1);
    expect(await db.dataSource.manager.count(FixtureChild)).toBe(2);
  });

  it('treats a null key value as "IS NULL", not as "any row"', async () => {
    seed('010-parents.json', { entity: 'FixtureParent', key: ['name'], rows: [{ name: 'alpha' }] });
    const alpha = ref('FixtureParent', { name: 'alpha' });
    seed('020-children.json', {
      entity: 'FixtureChild',
      key: ['parentId', 'label', 'tag'],
      rows: [
        { parentId: alpha, label: 'x', tag: 'red' },
        { parentId: alpha, label: 'x', tag: null },
      ],
    });

    const [, children] = await runner.run(seedsDir);
    const again = await runner.run(seedsDir);

    expect(children).toMatchObject({ inserted: 2, existing: 0 });
    expect(again[1]).toMatchObject({ inserted: 0, existing: 2 });
    expect(await db.dataSource.manager.count(FixtureChild)).toBe(2);
  });

  it('fails on a $ref that matches nothing, naming it, and rolls back that whole file', async () => {
    seed('010-parents.json', { entity: 'FixtureParent', key: ['name'], rows: [{ name: 'alpha' }] });
    seed('020-children.json', {
      entity: 'FixtureChild',
      key: ['parentId', 'label'],
      rows: [
        { parentId: ref('FixtureParent', { name: 'alpha' }), label: 'kept?' },
        { parentId: ref('FixtureParent', { name: 'missing' }), label: 'broken' },
      ],
    });

    await expect(runner.run(seedsDir)).rejects.toThrow(
      'Seed reference not found: FixtureParent {"name":"missing"}',
    );
    expect(await db.dataSource.manager.count(FixtureParent)).toBe(1); // earlier file committed
    expect(await db.dataSource.manager.count(FixtureChild)).toBe(0); // this file rolled back
  });

  it('fails on an entity that is not registered', async () => {
    seed('010-x.json', { entity: 'Nope', key: ['name'], rows: [] });
    await expect(runner.run(seedsDir)).rejects.toThrow(
      'Seed file 010-x.json names entity "Nope", which is not registered',
    );
  });

  it('fails on a property the entity does not have, inserting nothing', async () => {
    seed('010-parents.json', {
      entity: 'FixtureParent',
      key: ['name'],
      rows: [{ name: 'alpha' }, { name: 'beta', colour: '#fff' }],
    });
    await expect(runner.run(seedsDir)).rejects.toThrow(
      'Seed file 010-parents.json: "colour" is not a property of FixtureParent',
    );
    expect(await db.dataSource.manager.count(FixtureParent)).toBe(0);
  });

  it('passes rows through the registered preparer, after the existence check', async () => {
    registry.registerPreparer('FixtureParent', async (row) => ({
      ...row,
      name: `${String(row.name)}-prepared`,
    }));
    seed('010-parents.json', { entity: 'FixtureParent', key: ['name'], rows: [{ name: 'alpha' }] });

    const [report] = await runner.run(seedsDir);

    expect(report.inserted).toBe(1);
    const names = (await db.dataSource.manager.find(FixtureParent)).map((p) => p.name);
    expect(names).toEqual(['alpha-prepared']);
  });
});
