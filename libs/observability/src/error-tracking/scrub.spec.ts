import type { ErrorEvent } from '@sentry/nestjs';

import {
  FILTERED,
  isSecretKey,
  scrubEvent,
  scrubQueryString,
  scrubText,
  scrubUrl,
  scrubValue,
} from './scrub';

describe('scrubbing before an event leaves the process', () => {
  it.each([
    'password',
    'new_password',
    'currentPassword',
    'passwd',
    'token',
    'refresh_token',
    'accessToken',
    'client_secret',
    'api_key',
    'x-api-key',
    'authorization',
    'Authorization',
    'cookie',
    'set-cookie',
    'session_id',
    'credentials',
    'private_key',
    'email',
    'e-mail',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['name', 'colour', 'id', 'status', 'route', 'page_size'])('keeps %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('replaces secret fields at any depth, in arrays too, without touching the input', () => {
    const input = {
      name: 'ok',
      password: 'hunter2',
      nested: { deeper: { refresh_token: 'r', keep: 1 } },
      list: [{ secret: 's' }, 'plain'],
    };
    expect(scrubValue(input)).toEqual({
      name: 'ok',
      password: FILTERED,
      nested: { deeper: { refresh_token: FILTERED, keep: 1 } },
      list: [{ secret: FILTERED }, 'plain'],
    });
    expect(input.password).toBe('hunter2');
  });

  it('cuts bearer values, JWTs and email addresses out of free text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';
    expect(scrubText(`header was Bearer abc.def-ghi and ${jwt} for ada@example.com`)).toBe(
      `header was Bearer ${FILTERED} and ${FILTERED} for ${FILTERED}`,
    );
  });

  it('filters secret query parameters and keeps the others', () => {
    expect(scrubQueryString('page=2&token=abc&reset_token=def')).toBe(
      'page=2&token=%5BFiltered%5D&reset_token=%5BFiltered%5D',
    );
    expect(scrubUrl('/reset?token=abc&lang=en')).toBe('/reset?token=%5BFiltered%5D&lang=en');
    expect(scrubUrl('/api/v1/tags/1')).toBe('/api/v1/tags/1');
  });

  it('scrubs the request, extra, contexts, user, messages and breadcrumbs of an event', () => {
    const event = {
      message: 'failed for Bearer abc123',
      request: {
        url: '/login?token=t0k',
        headers: {
          authorization: 'Bearer abc',
          cookie: 'sid=1',
          'content-type': 'application/json',
        },
        cookies: { sid: '1' },
        data: JSON.stringify({ email: 'a@b.co', password: 'pw', remember: true }),
        query_string: 'token=t0k&x=1',
      },
      extra: { job: { api_key: 'k', id: 7 } },
      contexts: { job: { secret: 's', queue: 'mail' } },
      user: { id: '42', email: 'a@b.co', ip_address: '10.0.0.1', username: 'ada' },
      exception: { values: [{ type: 'Error', value: 'token eyJaaaaaaa.eyJbbbbbbb.cccc leaked' }] },
      breadcrumbs: [{ message: 'GET /x', data: { password: 'pw', url: '/x' } }],
    } as unknown as ErrorEvent;
    const out = scrubEvent(event);
    expect(out.message).toBe(`failed for Bearer ${FILTERED}`);
    expect(out.request).toEqual({
      url: '/login?token=%5BFiltered%5D',
      headers: { authorization: FILTERED, cookie: FILTERED, 'content-type': 'application/json' },
      cookies: { cookies: FILTERED },
      data: JSON.stringify({ email: FILTERED, password: FILTERED, remember: true }),
      query_string: 'token=%5BFiltered%5D&x=1',
    });
    expect(out.extra).toEqual({ job: { api_key: FILTERED, id: 7 } });
    expect(out.contexts).toEqual({ job: { secret: FILTERED, queue: 'mail' } });
    expect(out.user).toEqual({ id: '42' });
    expect(out.exception?.values?.[0].value).toBe(`token ${FILTERED} leaked`);
    expect(out.breadcrumbs?.[0]).toEqual({
      message: 'GET /x',
      data: { password: FILTERED, url: '/x' },
    });
  });

  it('scrubs a form-encoded body', () => {
    const event = { request: { data: 'user=ada&password=pw' } } as unknown as ErrorEvent;
    expect(scrubEvent(event).request?.data).toBe('user=ada&password=%5BFiltered%5D');
  });
});
