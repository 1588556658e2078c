import { isAuthorizedScrape } from './scrape-auth';

describe('isAuthorizedScrape', () => {
  const token = 'a-metrics-token-of-some-length';

  it('allows everything when no token is configured', () => {
    expect(isAuthorizedScrape(undefined, undefined)).toBe(true);
    expect(isAuthorizedScrape('Bearer whatever', '')).toBe(true);
  });

  it('accepts the exact bearer token (scheme case-insensitive)', () => {
    expect(isAuthorizedScrape(`Bearer ${token}`, token)).toBe(true);
    expect(isAuthorizedScrape(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    ['missing header', undefined],
    ['empty header', ''],
    ['wrong token', 'Bearer not-the-token'],
    ['prefix of the token', `Bearer ${token.slice(0, 10)}`],
    ['token with a suffix', `Bearer ${token}x`],
    ['basic scheme', `Basic ${token}`],
    ['bare token', token],
  ])('refuses %s', (_case, header) => {
    expect(isAuthorizedScrape(header, token)).toBe(false);
  });
});
