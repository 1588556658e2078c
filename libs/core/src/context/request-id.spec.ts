import { isSaneRequestId, requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a sane caller id', () => {
    expect(requestIdFrom({ 'x-request-id': 'abc-123_DEF.456' })).toBe('abc-123_DEF.456');
  });

  it.each([
    ['too short', 'abc'],
    ['control characters', 'abcdefgh\nlog-injection'],
    ['spaces', 'abc defgh ijk'],
    ['too long', 'a'.repeat(129)],
  ])('replaces an id with %s by a UUID', (_case, given) => {
    const id = requestIdFrom({ 'x-request-id': given });
    expect(id).not.toBe(given);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates an id when none is given', () => {
    expect(isSaneRequestId(requestIdFrom({}))).toBe(true);
  });
});
