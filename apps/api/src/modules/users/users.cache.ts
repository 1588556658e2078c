import { cacheKey } from '@app/cache';

import type { UserResDto } from './dto/user.res.dto';

/** What the auth guard checks on every request, in JSON form (the time as epoch ms). */
export interface CachedAuthState {
  role: string;
  isActive: boolean;
  passwordChangedAtMs: number;
}

/** A user's profile (GET /users/me, GET /users/{id}); null (not found) is never cached. */
export const userCacheKey = (id: string) => cacheKey<UserResDto | null>('user', id);

/** The guard's per-request lookup; dropped on every change of role, activity or password. */
export const authStateCacheKey = (id: string) => cacheKey<CachedAuthState | null>('auth', id);
