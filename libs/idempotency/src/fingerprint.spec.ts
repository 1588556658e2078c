import { canonicalJson, requestFingerprint } from './fingerprint';

describe('request fingerprint', () => {
  it('ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestFingerprint('POST', '/x', { a: 1, b: 2 })).toBe(
      requestFingerprint('POST', '/x', { b: 2, a: 1 }),
    );
  });

  it('differs with body, route or method', () => {
    const base = requestFingerprint('POST', '/x', { a: 1 });
    expect(requestFingerprint('POST', '/x', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/y', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/x', { a: 1 })).not.toBe(base);
  });
});
