import { BadRequestError, ErrorDetail, ForbiddenError, UnauthorizedError } from '@app/core';

/** Error codes of authentication and passwords (`payload.error_code`). */
export const AuthErrorCode = {
  /** Wrong email or password; the same answer for an unknown email. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  /** The token is well formed but its user is gone, deactivated, or changed password since. */
  TOKEN_REVOKED: 'TOKEN_REVOKED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  RESET_TOKEN_INVALID: 'RESET_TOKEN_INVALID',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  SIGNUP_DISABLED: 'SIGNUP_DISABLED',
} as const;

export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** The errors identity code raises, built in one place so messages stay consistent. */
export const AuthErrors = {
  missingToken: () =>
    new UnauthorizedError('Authentication is required: send Authorization: Bearer <access token>'),
  tokenExpired: () =>
    new UnauthorizedError('The access token has expired; refresh it or sign in again', {
      code: AuthErrorCode.TOKEN_EXPIRED,
    }),
  tokenInvalid: () =>
    new UnauthorizedError('The access token is invalid', { code: AuthErrorCode.TOKEN_INVALID }),
  tokenRevoked: () =>
    new UnauthorizedError('The access token is no longer valid; sign in again', {
      code: AuthErrorCode.TOKEN_REVOKED,
    }),
  invalidCredentials: () =>
    new UnauthorizedError('The email or password is incorrect', {
      code: AuthErrorCode.INVALID_CREDENTIALS,
    }),
  accountLocked: (retryAfterSeconds: number) =>
    new ForbiddenError(
      'The account is locked after too many failed sign-ins; try again later or ask an admin to unlock it',
      { code: AuthErrorCode.ACCOUNT_LOCKED, retryAfterSeconds },
    ),
  accountDisabled: () =>
    new ForbiddenError('The account is deactivated; ask an admin', {
      code: AuthErrorCode.ACCOUNT_DISABLED,
    }),
  refreshTokenInvalid: () =>
    new UnauthorizedError('The refresh token is invalid or expired; sign in again', {
      code: AuthErrorCode.REFRESH_TOKEN_INVALID,
    }),
  refreshTokenReused: () =>
    new UnauthorizedError(
      'The refresh token was already used; every session of that sign-in has been revoked. Sign in again',
      { code: AuthErrorCode.REFRESH_TOKEN_REUSED },
    ),
  resetTokenInvalid: () =>
    new BadRequestError('The reset link is invalid, used or expired; ask for a new one', {
      code: AuthErrorCode.RESET_TOKEN_INVALID,
      details: [
        { field: 'token', message: 'token is invalid, used or expired', constraints: ['isValid'] },
      ],
    }),
  weakPassword: (details: ErrorDetail[]) =>
    new BadRequestError('The password is too weak', {
      code: AuthErrorCode.WEAK_PASSWORD,
      details,
    }),
  wrongPassword: (field: string) =>
    new BadRequestError('The current password is incorrect', {
      code: AuthErrorCode.WRONG_PASSWORD,
      details: [{ field, message: `${field} is incorrect`, constraints: ['matchesCurrent'] }],
    }),
  signupDisabled: () =>
    new ForbiddenError('Self-service sign-up is disabled; ask an admin for an account', {
      code: AuthErrorCode.SIGNUP_DISABLED,
    }),
  forbiddenRole: (roles: readonly string[]) =>
    new ForbiddenError(`This needs the role ${roles.join(' or ')}`),
};
