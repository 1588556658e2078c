import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether an Authorization header carries the metrics bearer token. No token configured: every
 * scrape is allowed. Compared in constant time (over digests, so the length leaks nothing either).
 */
export function isAuthorizedScrape(
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  if (!token) return true;
  if (!authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
