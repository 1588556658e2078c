import { hashOpaqueToken, newOpaqueToken } from './opaque-token';

describe('opaque tokens', () => {
  it('are 256 random bits, URL-safe, with their SHA-256 as the stored form', () => {
    const { token, hash } = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it('never repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newOpaqueToken().token));
    expect(seen.size).toBe(1000);
  });
});
