import type { AppConfig } from '@app/core';

/** What is cached. Each kind has its own TTL setting; metrics count hits and misses per kind. */
export const CACHE_KINDS = ['workflow', 'tag', 'user', 'auth', 'count'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

/** The AppConfig setting that holds each kind's TTL in seconds (0: that kind is not cached). */
export const CACHE_TTL_SETTING: Record<
  CacheKind,
  'CACHE_TTL_WORKFLOW_S' | 'CACHE_TTL_TAG_S' | 'CACHE_TTL_USER_S' | 'CACHE_TTL_COUNT_S'
> = {
  workflow: 'CACHE_TTL_WORKFLOW_S',
  tag: 'CACHE_TTL_TAG_S',
  user: 'CACHE_TTL_USER_S',
  // The auth guard's per-request user state changes with the user, so it shares its TTL.
  auth: 'CACHE_TTL_USER_S',
  count: 'CACHE_TTL_COUNT_S',
};

export function ttlSecondsOf(config: AppConfig, kind: CacheKind): number {
  return config[CACHE_TTL_SETTING[kind]];
}

/**
 * A typed cache key: the kind fixes the TTL and the metric label, the id the entry, and the type
 * parameter what `getOrLoad` returns. Values must be plain JSON (response DTOs, numbers instead of
 * Dates): they travel through Redis as JSON. Build keys with `cacheKey<WorkflowResDto>('workflow', id)`
 * in the feature that owns the data, so the reader and the invalidating writer share one function.
 */
export interface CacheKey<T> {
  readonly kind: CacheKind;
  /** `<kind>:<id>`, unique across kinds. */
  readonly name: string;
  /** Only carries T for the compiler; never set. */
  readonly __type?: T;
}

export function cacheKey<T>(kind: CacheKind, id: string): CacheKey<T> {
  return { kind, name: `${kind}:${id}` };
}
