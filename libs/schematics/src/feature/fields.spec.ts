import { SchematicInputError } from './errors';
import { parseFields } from './fields';

describe('parseFields', () => {
  it('reads the issue’s example', () => {
    expect(parseFields('number:string:unique,amount:decimal,due_on:date')).toEqual([
      {
        name: 'number',
        prop: 'number',
        label: 'number',
        type: 'string',
        length: 255,
        unique: true,
        optional: false,
      },
      {
        name: 'amount',
        prop: 'amount',
        label: 'amount',
        type: 'decimal',
        length: undefined,
        unique: false,
        optional: false,
      },
      {
        name: 'due_on',
        prop: 'dueOn',
        label: 'due on',
        type: 'date',
        length: undefined,
        unique: false,
        optional: false,
      },
    ]);
  });

  it('accepts string(N), optional/nullable, aliases, camelCase names and spaces', () => {
    const fields = parseFields(
      ' code : string(40) : unique , notes:text:optional, qty:integer, isPaid:boolean, paidAt:datetime:nullable ',
    );
    expect(fields.map((f) => [f.name, f.prop, f.type, f.length, f.unique, f.optional])).toEqual([
      ['code', 'code', 'string', 40, true, false],
      ['notes', 'notes', 'text', undefined, false, true],
      ['qty', 'qty', 'int', undefined, false, false],
      ['is_paid', 'isPaid', 'bool', undefined, false, false],
      ['paid_at', 'paidAt', 'datetime', undefined, false, true],
    ]);
  });

  it.each([
    ['', /empty/],
    ['name', /is not a field/],
    ['name:varchar', /unknown type "varchar"/],
    ['name:string:indexed', /unknown modifier "indexed"/],
    ['1st:string', /not a usable field name/],
    ['my-field:string', /not a usable field name/],
    ['id:int', /reserved/],
    ['created_at:datetime', /reserved/],
    ['createdAt:datetime', /reserved/],
    ['owner_id:int', /reserved/],
    ['q:string', /reserved/],
    ['page_size:int', /reserved/],
    ['name:string,name:text', /listed twice/],
    ['body:text:unique', /cannot be unique.*NVARCHAR\(MAX\)/],
    ['done:bool:unique', /cannot be unique/],
    ['code:string:unique:optional', /unique and optional together/],
    ['done:bool:optional', /never null/],
    ['code:string(2)', /3 ≤ N ≤ 800/],
    ['code:string(801)', /3 ≤ N ≤ 800/],
    [
      'price:decimal,price_min:int',
      /"price_min" would be both a list filter of price and the field/,
    ],
    [
      'due_on_to:date,due_on:date',
      /"due_on_to" would be both the field due_on_to and a list filter/,
    ],
  ])('refuses %p', (spec, message) => {
    expect(() => parseFields(spec)).toThrow(SchematicInputError);
    expect(() => parseFields(spec)).toThrow(message);
  });

  it('refuses more than 30 fields', () => {
    const spec = Array.from({ length: 31 }, (_, i) => `f${i}:int`).join(',');
    expect(() => parseFields(spec)).toThrow(/at most 30/);
  });
});
