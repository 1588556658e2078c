import { ConfigError, loadConfig } from '@app/core';

/** The identity settings of AppConfig (libs/core/src/config/app-config.ts). */
describe('identity configuration', () => {
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('has working defaults outside production', () => {
    expect(loadConfig({})).toMatchObject({
      ACCESS_TOKEN_TTL_MIN: 15,
      REFRESH_TOKEN_TTL_DAYS: 14,
      LOCKOUT_MAX_ATTEMPTS: 5,
      LOCKOUT_WINDOW_MIN: 15,
      LOCKOUT_DURATION_MIN: 15,
      PASSWORD_RESET_TTL_MIN: 30,
      ALLOW_SIGNUP: false,
      JWT_ISSUER: 'quorum',
      JWT_AUDIENCE: 'quorum-api',
    });
    expect(loadConfig({}).JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses to start in production with the development JWT secret, in one line', () => {
    const error = refusal({ NODE_ENV: 'production', CURSOR_SECRET: 'c'.repeat(40) });
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toBe(
      'Invalid configuration: JWT_SECRET must be set to a private value in production',
    );
  });

  it('starts in production with private secrets', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      CURSOR_SECRET: 'c'.repeat(40),
      JWT_SECRET: 'j'.repeat(40),
    });
    expect(config.JWT_SECRET).toBe('j'.repeat(40));
  });

  it('refuses a JWT secret shorter than 32 characters without echoing it', () => {
    const error = refusal({ JWT_SECRET: 'too-short-secret' });
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toMatch(/at least 32 characters/);
    expect(error.message).not.toContain('too-short-secret');
  });

  it('refuses the same secret for JWTs and cursors', () => {
    expect(refusal({ JWT_SECRET: 's'.repeat(40), CURSOR_SECRET: 's'.repeat(40) }).variable).toBe(
      'JWT_SECRET',
    );
  });

  it.each(['14', '61', 'ten'])('keeps ACCESS_TOKEN_TTL_MIN within 15–60 (%p refused)', (value) => {
    const error = refusal({ ACCESS_TOKEN_TTL_MIN: value });
    expect(error.variable).toBe('ACCESS_TOKEN_TTL_MIN');
    expect(error.message).toMatch(/between 15 and 60/);
  });

  it('accepts 60 minutes', () => {
    expect(loadConfig({ ACCESS_TOKEN_TTL_MIN: '60' }).ACCESS_TOKEN_TTL_MIN).toBe(60);
  });

  it('refuses an SMTP_URL that is not smtp(s)://, without echoing it', () => {
    const error = refusal({ SMTP_URL: 'http://user:hunter2@mail.example' });
    expect(error.variable).toBe('SMTP_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('reads ALLOW_SIGNUP and SMTP_URL', () => {
    const config = loadConfig({ ALLOW_SIGNUP: 'true', SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(config.ALLOW_SIGNUP).toBe(true);
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:2525');
  });
});
