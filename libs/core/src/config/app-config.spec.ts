import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the zero-setup defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DB_TYPE: 'sqlite',
      DB_SQLITE_PATH: 'data/quorum.sqlite',
      DB_POOL_MIN: 10,
      DB_POOL_MAX: 30,
      CORS_ORIGINS: [],
    });
    expect(config.logFormat).toBe('pretty');
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: 'true',
    });
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.TRUST_PROXY).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /PORT must be an integer.*"abc"/],
    [{ PORT: '70000' }, 'PORT', /PORT/],
    [{ DB_TYPE: 'oracle' }, 'DB_TYPE', /DB_TYPE must be one of: sqlite, mssql/],
    [{ DB_TYPE: 'mssql' }, 'DB_HOST', /DB_HOST is required when DB_TYPE=mssql/],
    [
      { NODE_ENV: 'production', CORS_ORIGINS: '*', CURSOR_SECRET: 'p'.repeat(40) },
      'CORS_ORIGINS',
      /exact origins in production/,
    ],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS', /exact origins/],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY', /TRUST_PROXY/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /LOG_LEVEL/],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /redis:\/\//],
    [{ DB_POOL_MIN: '40' }, 'DB_POOL_MIN', /must not exceed DB_POOL_MAX/],
    [{ NODE_ENV: 'production' }, 'CURSOR_SECRET', /private value in production/],
  ])('refuses %p naming %s', (env, variable, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('never echoes a secret value in the error', () => {
    expect(() => loadConfig({ CURSOR_SECRET: 'short-secret' })).toThrow(/^(?!.*short-secret).*$/);
  });

  it('allows * in development', () => {
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
  });
});
