import { createHmac } from 'node:crypto';

import { BadRequestError } from '../errors/app-exceptions';
import { CursorCodec } from './cursor-codec';
import { parseSort } from './sort';

const fields = {
  name: { property: 'name', kind: 'string' as const },
  created_at: { property: 'createdAt', kind: 'date' as const },
};

describe('CursorCodec', () => {
  const codec = new CursorCodec('x'.repeat(32));
  const byName = parseSort('name', fields, 'name');

  it('round-trips a position for the same sort', () => {
    const cursor = codec.encode(byName, { value: 'beta', id: '42' });
    expect(codec.decode(cursor, byName)).toEqual({ value: 'beta', id: '42' });
  });

  it('signs as HMAC-SHA256 of the body keyed by the secret text (cursors stay valid across releases)', () => {
    const secret = 'sécret-with-non-ascii-0123456789abcdef';
    const cursor = new CursorCodec(secret).encode(byName, { value: 'beta', id: '42' });
    const [data, signature] = cursor.split('.');
    const expected = createHmac('sha256', secret).update(data).digest('base64url').slice(0, 22);
    expect(signature).toBe(expected);
  });

  it('refuses a cursor whose body was edited', () => {
    const cursor = codec.encode(byName, { value: 'beta', id: '42' });
    const [, sig] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ v: 1, s: 'name', k: 'beta', i: '1' })).toString('base64url')}.${sig}`;
    expect(() => codec.decode(forged, byName)).toThrow(BadRequestError);
  });

  it('refuses a cursor signed with another key', () => {
    const other = new CursorCodec('y'.repeat(32)).encode(byName, { value: 'beta', id: '42' });
    expect(() => codec.decode(other, byName)).toThrow(/signature/);
  });

  it('refuses a cursor issued for another sort (stale)', () => {
    const cursor = codec.encode(byName, { value: 'beta', id: '42' });
    expect(() => codec.decode(cursor, parseSort('-created_at', fields, 'name'))).toThrow(
      /issued for sort=name/,
    );
  });

  it.each(['garbage', 'a.b.c', '.', ''])('refuses malformed cursor %p', (raw) => {
    expect(() => codec.decode(raw, byName)).toThrow(BadRequestError);
  });
});

describe('parseSort', () => {
  it('reads direction from a leading minus', () => {
    expect(parseSort('-created_at', fields, 'name')).toMatchObject({
      property: 'createdAt',
      direction: 'DESC',
    });
  });

  it('uses the fallback when absent', () => {
    expect(parseSort(undefined, fields, 'name')).toMatchObject({ field: 'name', direction: 'ASC' });
  });

  it.each(['colour', '--name', 'name;drop', '__proto__', 'constructor'])(
    'refuses unknown field %p',
    (raw) => {
      expect(() => parseSort(raw, fields, 'name')).toThrow(BadRequestError);
    },
  );
});
