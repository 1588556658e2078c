import { isSeedRef, parseSeedFile } from './seed-file';

describe('parseSeedFile', () => {
  it('returns a well-formed file as it is', () => {
    const text = JSON.stringify({
      entity: 'Tag',
      key: ['name'],
      rows: [{ name: 'a', colour: '#fff' }],
    });
    expect(parseSeedFile('010-tags.json', text)).toEqual({
      entity: 'Tag',
      key: ['name'],
      rows: [{ name: 'a', colour: '#fff' }],
    });
  });

  it('accepts a file with no rows', () => {
    expect(parseSeedFile('x.json', '{"entity":"Tag","key":["name"],"rows":[]}').rows).toEqual([]);
  });

  it('names the file when the JSON does not parse', () => {
    expect(() => parseSeedFile('010-tags.json', '{ "entity": "Tag", ')).toThrow(
      /^Seed file 010-tags\.json is not valid JSON: /,
    );
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"Tag"'],
    ['no entity', '{"key":["name"],"rows":[]}'],
    ['a non-string entity', '{"entity":1,"key":["name"],"rows":[]}'],
    ['no key', '{"entity":"Tag","rows":[]}'],
    ['a string key', '{"entity":"Tag","key":"name","rows":[]}'],
    ['an empty key', '{"entity":"Tag","key":[],"rows":[]}'],
    ['no rows', '{"entity":"Tag","key":["name"]}'],
    ['rows as an object', '{"entity":"Tag","key":["name"],"rows":{}}'],
  ])('rejects %s, saying what the file must look like', (_case, text) => {
    expect(() => parseSeedFile('bad.json', text)).toThrow(
      'Seed file bad.json must be { "entity": string, "key": string[], "rows": object[] }',
    );
  });

  it('names the row and the key property it lacks', () => {
    const text = JSON.stringify({
      entity: 'Tag',
      key: ['name', 'colour'],
      rows: [{ name: 'a', colour: '#fff' }, { name: 'b' }],
    });
    expect(() => parseSeedFile('010-tags.json', text)).toThrow(
      'Seed file 010-tags.json: row 1 lacks key property "colour"',
    );
  });

  it('counts a key property set to null as present (the existence check compares it)', () => {
    const text = JSON.stringify({ entity: 'Tag', key: ['name'], rows: [{ name: null }] });
    expect(parseSeedFile('x.json', text).rows).toEqual([{ name: null }]);
  });

  it.each([
    ['a string', '"a"'],
    ['null', 'null'],
    ['an array', '[]'],
    ['a number', '1'],
  ])('rejects a row that is %s', (_case, row) => {
    const text = `{"entity":"Tag","key":["name"],"rows":[{"name":"a"},${row}]}`;
    expect(() => parseSeedFile('x.json', text)).toThrow(
      'Seed file x.json: row 1 must be an object',
    );
  });
});

describe('isSeedRef', () => {
  it('recognises { $ref: { entity, where } }', () => {
    expect(isSeedRef({ $ref: { entity: 'User', where: { email: 'a@example.com' } } })).toBe(true);
  });

  it.each([
    ['a plain value', 'x'],
    ['null', null],
    ['an object without $ref', { entity: 'User' }],
    ['a $ref without entity', { $ref: { where: {} } }],
    ['a $ref without where', { $ref: { entity: 'User' } }],
    ['a $ref that is not an object', { $ref: 'User' }],
    ['a $ref that is null', { $ref: null }],
  ])('rejects %s', (_case, value) => {
    expect(isSeedRef(value)).toBe(false);
  });
});
