interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Freezes a plain JSON value and everything in it (objects and arrays); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The in-process tier: a Map with a TTL per entry and a bound on the number of entries (the oldest
 * inserted is dropped first). A hit costs a Map lookup and a clock read, no I/O, which is what
 * lets a cached read be nearly free; coherence across instances comes from invalidation messages.
 *
 * Values are frozen, deeply, when stored: one object serves every request that hits it, so no
 * request may change it under the others (a write throws). Being immutable, its JSON can be
 * computed once and reused (EnvelopingFastifyAdapter does).
 */
export class LocalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  get(name: string, now = Date.now()): unknown {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(name);
      return undefined;
    }
    return entry.value;
  }

  set(name: string, value: unknown, ttlMs: number, now = Date.now()): void {
    if (this.maxEntries === 0 || ttlMs <= 0) return;
    this.entries.delete(name); // re-inserted at the end: the newest
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(name, { value: deepFreeze(value), expiresAt: now + ttlMs });
  }

  delete(name: string): void {
    this.entries.delete(name);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
