import { normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ADA@example.com', 'ada@example.com'],
    ['Jose\u0301@example.com', 'jos\u00e9@example.com'],
  ])('%p → %p', (given, expected) => {
    expect(normalizeEmail(given)).toBe(expected);
  });
});
