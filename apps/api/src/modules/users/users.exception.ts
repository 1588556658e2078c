import { ConflictError, ErrorCode, ForbiddenError } from '@app/core';

export const UsersErrorCode = {
  /** An admin may not delete, deactivate or demote their own account (no locking out the last admin). */
  SELF_CHANGE_FORBIDDEN: 'SELF_CHANGE_FORBIDDEN',
} as const;

export const UsersErrors = {
  emailTaken: (cause: unknown) =>
    new ConflictError('An account with this email already exists', {
      code: ErrorCode.DUPLICATE,
      cause,
    }),
  selfChange: (what: string) =>
    new ForbiddenError(`You cannot ${what} your own account; ask another admin`, {
      code: UsersErrorCode.SELF_CHANGE_FORBIDDEN,
    }),
};
