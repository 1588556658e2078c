import { REDACTED, redactSecrets } from './redaction';

describe('redactSecrets', () => {
  it('hides secret-named fields at any depth and keeps the rest', () => {
    const line = {
      msg: 'login',
      body: { email: 'a@b.c', password: 'p', nested: { deeper: { refresh_token: 't', keep: 1 } } },
      headers: { Authorization: 'Bearer x', cookie: 'c', accept: 'json' },
      list: [{ apiKey: 'k' }, 'plain'],
    };
    expect(redactSecrets(line)).toEqual({
      msg: 'login',
      body: {
        email: 'a@b.c',
        password: REDACTED,
        nested: { deeper: { refresh_token: REDACTED, keep: 1 } },
      },
      headers: { Authorization: REDACTED, cookie: REDACTED, accept: 'json' },
      list: [{ apiKey: REDACTED }, 'plain'],
    });
    expect(line.body.password).toBe('p'); // the caller's object is not modified
  });

  it('returns the same object when nothing is secret (no copying on ordinary lines)', () => {
    const line = { msg: 'GET /api/v1/health 200', res: { status: 200 }, duration_ms: 1 };
    expect(redactSecrets(line)).toBe(line);
  });

  it('keeps errors as errors unless they carry a secret field', () => {
    const plain = new Error('boom');
    expect(redactSecrets({ err: plain })).toEqual({ err: plain });
    const leaky = Object.assign(new Error('bad login'), { password: 'p' });
    const out = redactSecrets({ err: leaky }) as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({ message: 'bad login', password: REDACTED });
    expect(String(out.err.stack)).toContain('bad login');
  });
});
