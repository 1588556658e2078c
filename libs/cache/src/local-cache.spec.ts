import { LocalCache } from './local-cache';

describe('LocalCache', () => {
  it('returns a value until its TTL passes', () => {
    const cache = new LocalCache(10);
    cache.set('a', { x: 1 }, 1000, 0);
    expect(cache.get('a', 999)).toEqual({ x: 1 });
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('freezes what it stores, deeply: no request can change the value another is served', () => {
    const cache = new LocalCache(10);
    const value = { name: 'w', steps: [{ position: 1, roles: ['reviewer'] }] };
    cache.set('w', value, 1000, 0);
    const hit = cache.get('w', 1) as typeof value;
    expect(hit).toBe(value);
    expect(Object.isFrozen(hit) && Object.isFrozen(hit.steps[0].roles)).toBe(true);
    expect(() => {
      hit.steps[0].position = 2;
    }).toThrow(TypeError);
    expect(cache.get('w', 2)).toEqual({ name: 'w', steps: [{ position: 1, roles: ['reviewer'] }] });
  });

  it('drops the oldest entry beyond its bound', () => {
    const cache = new LocalCache(2);
    cache.set('a', 1, 1000, 0);
    cache.set('b', 2, 1000, 0);
    cache.set('a', 3, 1000, 0); // rewritten: now the newest
    cache.set('c', 4, 1000, 0);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe(3);
    expect(cache.get('c', 1)).toBe(4);
  });

  it('keeps nothing when disabled or given no TTL', () => {
    const off = new LocalCache(0);
    off.set('a', 1, 1000);
    expect(off.get('a')).toBeUndefined();
    const on = new LocalCache(5);
    on.set('a', 1, 0);
    expect(on.get('a')).toBeUndefined();
  });

  it('deletes and clears', () => {
    const cache = new LocalCache(5);
    cache.set('a', 1, 1000);
    cache.set('b', 2, 1000);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
