import { createHash, randomUUID } from 'node:crypto';

import { cacheKey } from '@app/cache';

/**
 * Totals of review-request list pages are cached per (filter, viewer) under a generation: any write
 * to what they count (review requests, their tags, decisions, tag names, users) drops the
 * generation key, so every cached total is left behind at once, on every instance. Writers call
 * `invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS)`.
 */
export const REVIEW_REQUEST_COUNTS = cacheKey<string>('count', 'review-requests:generation');

/** A fresh generation (a new one after each invalidation: old totals are never found again). */
export const newCountsGeneration = async (): Promise<string> => randomUUID();

/** The key of one list's total: the generation plus a digest of what selects the rows. */
export function reviewRequestCountKey(generation: string, selection: unknown) {
  const digest = createHash('sha256').update(JSON.stringify(selection)).digest('base64url');
  return cacheKey<number>('count', `review-requests:${generation}:${digest}`);
}
