import { loadConfig } from '@app/core';

import { AuthErrorCode } from '../auth.exception';
import { AuthUserLookup, AuthUserState } from '../auth-user';
import { JwtStrategy } from './jwt.strategy';
import { JwtSettings } from './jwt-settings';

class FakeLookup extends AuthUserLookup {
  state: AuthUserState | null = {
    role: 'reviewer',
    isActive: true,
    passwordChangedAt: new Date('2026-11-01T10:00:00.500Z'),
  };
  calls = 0;
  async findAuthState(): Promise<AuthUserState | null> {
    this.calls++;
    return this.state;
  }
}

const SECOND = Date.parse('2026-11-01T10:00:00Z') / 1000;
const claims = (over: Record<string, unknown> = {}) => ({
  sub: '42',
  role: 'author',
  jti: 'b5f1d0c2-1111-4222-8333-944455556666',
  iat: SECOND + 60,
  exp: SECOND + 960,
  ...over,
});

describe('JwtStrategy.validate', () => {
  const lookup = new FakeLookup();
  const strategy = new JwtStrategy(new JwtSettings(loadConfig({})), lookup);

  const codeOf = async (payload: Record<string, unknown>) =>
    strategy.validate(payload).then(
      () => 'accepted',
      (e: { errorCode: string }) => e.errorCode,
    );

  it('returns the caller with the role stored now, not the role in the token', async () => {
    await expect(strategy.validate(claims())).resolves.toEqual({
      id: '42',
      role: 'reviewer',
      tokenId: claims().jti,
    });
    expect(lookup.calls).toBe(1);
  });

  it.each([
    ['no sub', { sub: undefined }],
    ['a non-numeric sub', { sub: 'admin' }],
    ['no jti', { jti: undefined }],
    ['an unknown role', { role: 'root' }],
    ['no iat', { iat: undefined }],
  ])('refuses a token with %s', async (_case, over) => {
    expect(await codeOf(claims(over))).toBe(AuthErrorCode.TOKEN_INVALID);
  });

  it('refuses the token of a deleted user', async () => {
    lookup.state = null;
    expect(await codeOf(claims())).toBe(AuthErrorCode.TOKEN_REVOKED);
  });

  it('refuses the token of a deactivated user', async () => {
    lookup.state = { role: 'author', isActive: false, passwordChangedAt: new Date(0) };
    expect(await codeOf(claims())).toBe(AuthErrorCode.TOKEN_REVOKED);
  });

  it('refuses tokens issued before the password changed, accepts those of the same second', async () => {
    lookup.state = {
      role: 'author',
      isActive: true,
      passwordChangedAt: new Date('2026-11-01T10:01:00.700Z'),
    };
    expect(await codeOf(claims({ iat: SECOND + 59 }))).toBe(AuthErrorCode.TOKEN_REVOKED);
    expect(await codeOf(claims({ iat: SECOND + 60 }))).toBe('accepted');
  });
});
