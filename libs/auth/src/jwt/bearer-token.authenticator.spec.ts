import { createSecretKey, KeyObject } from 'node:crypto';

import { sign } from 'jsonwebtoken';

import { loadConfig, MaybePromise } from '@app/core';

import { AuthErrorCode } from '../auth.exception';
import { AuthUserLookup, AuthUserState } from '../auth-user';
import { BearerTokenAuthenticator } from './bearer-token.authenticator';
import { JwtSettings } from './jwt-settings';

class FakeLookup extends AuthUserLookup {
  state: AuthUserState | null = {
    role: 'reviewer',
    isActive: true,
    passwordChangedAtMs: Date.parse('2026-11-01T10:00:00.500Z'),
  };
  calls = 0;
  /** Answer like a cache hit (a plain value) rather than a promise. */
  sync = false;
  findAuthState(): MaybePromise<AuthUserState | null> {
    this.calls++;
    return this.sync ? this.state : Promise.resolve(this.state);
  }
}

/** Settles both ways a MaybePromise call can fail: a throw or a rejection. */
const settle = <T>(call: () => MaybePromise<T>): Promise<T> => Promise.resolve().then(call);

const SECOND = Date.parse('2026-11-01T10:00:00Z') / 1000;
const claims = (over: Record<string, unknown> = {}) => ({
  sub: '42',
  role: 'author',
  jti: 'b5f1d0c2-1111-4222-8333-944455556666',
  iat: SECOND + 60,
  exp: SECOND + 960,
  ...over,
});

describe('BearerTokenAuthenticator.validate', () => {
  const lookup = new FakeLookup();
  const authenticator = new BearerTokenAuthenticator(new JwtSettings(loadConfig({})), lookup);

  const codeOf = async (payload: Record<string, unknown>) =>
    settle(() => authenticator.validate(payload)).then(
      () => 'accepted',
      (e: { errorCode: string }) => e.errorCode,
    );

  it('returns the caller with the role stored now, not the role in the token', async () => {
    await expect(authenticator.validate(claims())).resolves.toEqual({
      id: '42',
      role: 'reviewer',
      tokenId: claims().jti,
    });
    expect(lookup.calls).toBe(1);
  });

  it('answers without a promise when the lookup does (a cache hit), and throws the same errors', () => {
    lookup.sync = true;
    try {
      expect(authenticator.validate(claims())).toEqual({
        id: '42',
        role: 'reviewer',
        tokenId: claims().jti,
      });
      lookup.state = { role: 'author', isActive: false, passwordChangedAtMs: 0 };
      expect(() => authenticator.validate(claims())).toThrow(
        expect.objectContaining({ errorCode: AuthErrorCode.TOKEN_REVOKED }),
      );
    } finally {
      lookup.sync = false;
    }
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
    lookup.state = { role: 'author', isActive: false, passwordChangedAtMs: 0 };
    expect(await codeOf(claims())).toBe(AuthErrorCode.TOKEN_REVOKED);
  });

  it('refuses tokens issued before the password changed, accepts those of the same second', async () => {
    lookup.state = {
      role: 'author',
      isActive: true,
      passwordChangedAtMs: Date.parse('2026-11-01T10:01:00.700Z'),
    };
    expect(await codeOf(claims({ iat: SECOND + 59 }))).toBe(AuthErrorCode.TOKEN_REVOKED);
    expect(await codeOf(claims({ iat: SECOND + 60 }))).toBe('accepted');
  });
});

describe('BearerTokenAuthenticator.authenticate', () => {
  const config = loadConfig({});
  const settings = new JwtSettings(config);
  const lookup = new FakeLookup();
  lookup.state = { role: 'admin', isActive: true, passwordChangedAtMs: 0 };
  const authenticator = new BearerTokenAuthenticator(settings, lookup);
  const now = Math.floor(Date.now() / 1000);
  const token = (over: Record<string, unknown> = {}, key: string | KeyObject = settings.key) =>
    sign({ sub: '7', role: 'admin', jti: 'j-1', iat: now, exp: now + 600, ...over }, key, {
      algorithm: 'HS256',
      issuer: settings.issuer,
      audience: settings.audience,
    });
  const codeOf = (header: string | undefined) =>
    settle(() => authenticator.authenticate(header)).then(
      (user) => `user ${user.id}`,
      (e: { errorCode: string }) => e.errorCode,
    );

  it('accepts a valid bearer token, the scheme in any case', async () => {
    expect(await codeOf(`Bearer ${token()}`)).toBe('user 7');
    expect(await codeOf(`bearer ${token()}`)).toBe('user 7');
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('asks for a token when there is %s', async (_case, header) => {
    expect(await codeOf(header)).toBe('UNAUTHORIZED');
  });

  it('tells an expired token apart', async () => {
    expect(await codeOf(`Bearer ${token({ iat: now - 900, exp: now - 60 })}`)).toBe(
      AuthErrorCode.TOKEN_EXPIRED,
    );
  });

  it.each([
    ['another key', () => token({}, createSecretKey(Buffer.from('x'.repeat(40))))],
    ['alg none', () => `${unsigned({ alg: 'none', typ: 'JWT' })}.`],
    ['garbage', () => 'not-a-jwt'],
  ])('refuses a token signed with %s', async (_case, make) => {
    expect(await codeOf(`Bearer ${make()}`)).toBe(AuthErrorCode.TOKEN_INVALID);
  });

  it('remembers a verified token, but never past its expiry', async () => {
    const soon = token({ exp: now + 2 });
    expect(await codeOf(`Bearer ${soon}`)).toBe('user 7');
    expect(await codeOf(`Bearer ${soon}`)).toBe('user 7');
    jest.useFakeTimers({ now: (now + 2) * 1000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(await codeOf(`Bearer ${soon}`)).toBe(AuthErrorCode.TOKEN_EXPIRED);
    } finally {
      jest.useRealTimers();
    }
  });

  function unsigned(header: Record<string, string>): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part(header)}.${part({ sub: '7', role: 'admin', jti: 'j', iat: now, exp: now + 60, iss: settings.issuer, aud: settings.audience })}`;
  }
});
