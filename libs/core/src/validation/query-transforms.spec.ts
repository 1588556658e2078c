import { queryBoolean, queryInt } from './query-transforms';

describe('query transforms', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['yes', 'yes'],
    ['', ''],
  ])('queryBoolean(%p) → %p', (value, expected) => {
    expect(queryBoolean({ value })).toBe(expected);
  });

  it.each([
    ['10', 10],
    ['-3', -3],
    ['1.5', '1.5'],
    ['abc', 'abc'],
  ])('queryInt(%p) → %p', (value, expected) => {
    expect(queryInt({ value })).toBe(expected);
  });
});
