import { ConfigError, loadConfig } from './app-config';

describe('observability settings', () => {
  it('default to no token, no Sentry, no tracing', () => {
    const config = loadConfig({});
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config.SENTRY_DSN).toBeUndefined();
    expect(config.SENTRY_ENVIRONMENT).toBeUndefined();
    expect(config.SENTRY_RELEASE).toBeUndefined();
    expect(config.SENTRY_TRACES_SAMPLE_RATE).toBe(0);
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
      SENTRY_ENVIRONMENT: 'staging',
      SENTRY_RELEASE: 'quorum@1.2.3',
      SENTRY_TRACES_SAMPLE_RATE: '0.25',
    });
    expect(config).toMatchObject({
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42',
      SENTRY_ENVIRONMENT: 'staging',
      SENTRY_RELEASE: 'quorum@1.2.3',
      SENTRY_TRACES_SAMPLE_RATE: 0.25,
    });
  });

  it.each([
    ['METRICS_TOKEN', 'short-token', 'must be at least 16 characters'],
    ['SENTRY_DSN', 'not-a-dsn-secretvalue', 'must be a DSN like'],
    ['SENTRY_DSN', 'https://o1.ingest.sentry.io/42', 'must be a DSN like'],
    ['SENTRY_TRACES_SAMPLE_RATE', '2', 'must be a number between 0 and 1'],
    ['SENTRY_TRACES_SAMPLE_RATE', 'half', 'must be a number between 0 and 1'],
  ])('refuses %s=%s with a message naming the variable', (variable, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(message);
  });

  it('never echoes a token or DSN it refuses', () => {
    for (const [variable, value] of [
      ['METRICS_TOKEN', 'short-secret'],
      ['SENTRY_DSN', 'garbage-secret-dsn'],
    ]) {
      let message = '';
      try {
        loadConfig({ [variable]: value });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain(variable);
      expect(message).not.toContain(value);
    }
  });
});
