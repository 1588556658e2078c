import { parseFields } from './fields';
import { buildModel } from './model';
import { featureNames } from './names';

const model = (name: string, fields: string, owner = false) =>
  buildModel({
    names: featureNames(name),
    fields: parseFields(fields),
    owner,
    migrationTimestamp: 1,
    seedFile: '050-x.json',
  });

describe('buildModel', () => {
  it('formats date-times with the app helpers, importing only the ones the DTO uses', () => {
    const m = model('events', 'starts_at:datetime,ends_at:datetime:optional');
    expect(m.fields.map((f) => f.resExpr)).toEqual([
      'isoTimestamp(row.startsAt)',
      'isoTimestampOrNull(row.endsAt)',
    ]);
    expect(m.imports.resCore).toEqual(['isoTimestamp', 'isoTimestampOrNull']);
    expect(model('events', 'title:string').imports.resCore).toEqual(['isoTimestamp']);
  });

  it('sorts by required, indexable fields only, first string field by default', () => {
    const m = model(
      'events',
      'title:string,notes:text,done:bool,seats:int,price:decimal:optional,day:date',
    );
    expect(m.sortable.map((f) => [f.name, f.sortKind])).toEqual([
      ['title', 'string'],
      ['seats', 'number'],
      ['day', 'string'],
    ]);
    expect(m.defaultSort).toBe('title');
    expect(model('events', 'seats:int').defaultSort).toBe('-created_at');
  });

  it('indexes every sorted or filtered column once (a unique index serves its own column)', () => {
    const m = model('events', 'code:string:unique,title:string,notes:text,done:bool,day:date');
    expect(m.migrationIndexes).toEqual([
      "index('events', ['code'], { unique: true })",
      "index('events', ['title'])",
      "index('events', ['done'])",
      "index('events', ['day'])",
      "index('events', ['created_at'])",
    ]);
    const owned = model('events', 'code:string:unique', true);
    expect(owned.migrationIndexes).toEqual([
      "index('events', ['owner_id', 'code'], { unique: true })",
      "index('events', ['code'])",
      "index('events', ['owner_id'])",
      "index('events', ['created_at'])",
    ]);
  });

  it('adds list filters per type', () => {
    const m = model('events', 'done:bool,starts_at:datetime,day:date,seats:int,price:decimal');
    expect(m.filters.map((f) => f.param)).toEqual([
      'done',
      'starts_at_from',
      'starts_at_to',
      'day_from',
      'day_to',
      'seats_min',
      'seats_max',
      'price_min',
      'price_max',
    ]);
    expect(m.filters.map((f) => f.condition)).toContain('startsAt < :startsAtTo');
    expect(m.filters.map((f) => f.condition)).toContain('day <= :dayTo');
  });

  it('keys seeds by fields whose JSON matches what is stored (never a datetime)', () => {
    expect(model('events', 'starts_at:datetime:unique,seats:int:unique').seedKey).toEqual([
      'seats',
    ]);
    expect(model('events', 'starts_at:datetime:unique,name:string').seedKey).toEqual(['name']);
    expect(model('events', 'notes:text:optional').seedKey).toEqual(['notes']);
    expect(model('flags', 'done:bool', true).seedKey).toEqual(['ownerId', 'done']);
    const onlyTimes = model('events', 'starts_at:datetime');
    expect(onlyTimes.seedRows).toEqual([]);
  });

  it('never uses an SQL word as the query alias', () => {
    expect(model('orders', 'total:decimal').alias).toBe('orderRow');
    expect(model('invoices', 'total:decimal').alias).toBe('invoice');
  });

  it('words the duplicate message for the owner or the table', () => {
    expect(model('invoices', 'number:string:unique').duplicateMessage).toBe(
      'An invoice with this number already exists',
    );
    expect(model('invoices', 'number:string:unique', true).duplicateMessage).toBe(
      'You already have an invoice with this number',
    );
  });
});
