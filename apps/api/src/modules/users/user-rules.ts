import type { AuthUser } from '@app/auth';

import type { UserChanges } from './users.repository';

/**
 * What an admin may not do to their own account, or undefined when the change is allowed.
 * Pure: no I/O (the standard's services.py in the feature).
 */
export function forbiddenSelfChange(
  actor: AuthUser,
  targetId: string,
  change: UserChanges | 'delete',
): string | undefined {
  if (actor.id !== targetId) return undefined;
  if (change === 'delete') return 'delete';
  if (change.isActive === false) return 'deactivate';
  if (change.role !== undefined && change.role !== actor.role) return 'change the role of';
  return undefined;
}

/** Words zxcvbn should treat as guessable for this user. */
export function passwordUserInputs(user: { email: string; displayName: string }): string[] {
  return [user.email, user.displayName];
}
