import type { MaybePromise } from '@app/core';

import type { Role } from './roles';

/** The signed-in caller, as the guard leaves it on the request (`@CurrentUser()`). */
export interface AuthUser {
  /** BIGINT user id as a decimal string. */
  id: string;
  /** The role stored on the user now (not the one in the token), so a change applies at once. */
  role: Role;
  /** The access token's id (`jti`). */
  tokenId: string;
}

/** What the guard reads about a user on every request: one primary-key lookup, three columns. */
export interface AuthUserState {
  role: string;
  isActive: boolean;
  /** When the password last changed, in epoch milliseconds. */
  passwordChangedAtMs: number;
}

/**
 * Port the identity feature implements (a users repository), so this library needs no knowledge
 * of tables. Returns null when the user does not exist (deleted); answers synchronously when it
 * can (a cache hit), see MaybePromise.
 */
export abstract class AuthUserLookup {
  abstract findAuthState(userId: string): MaybePromise<AuthUserState | null>;
}
