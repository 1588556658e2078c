import { RequestContext } from '@app/core';
import {
  closeErrorTracking,
  errorTrackingEnabled,
  flushErrorTracking,
  reportError,
} from '@app/observability';

import { HealthService } from '../apps/api/src/modules/health/health.service';
import { TagsRepository } from '../apps/api/src/modules/tags/tags.repository';
import { authHeaders } from './support/auth';
import { FakeSentry } from './support/fake-sentry';
import { createTestApp, TestApp } from './support/test-app';

interface SentryEvent {
  event_id: string;
  environment?: string;
  transaction?: string;
  tags?: Record<string, string>;
  user?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  request?: {
    method?: string;
    url?: string;
    headers?: Record<string, string>;
    data?: Record<string, unknown>;
  };
  exception?: {
    values: {
      type: string;
      value: string;
      stacktrace?: { frames: { filename?: string; function?: string }[] };
    }[];
  };
}

const PASSWORD = 'Sup3r-Secret-Pa55!';
const EMAIL = 'ada.lovelace@example.com';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXZhbHVl';
const COOKIE_VALUE = 'session-cookie-s3cr3t';
const RESET_TOKEN = 'reset-token-value';
const DELETE_URL = `/api/v1/tags/42?utm=mail&token=${RESET_TOKEN}`;
const FAKE_USER_ID = '4242';
const JOB_TOKEN = 'tok-abc-123';

/** Waits until the fake Sentry holds `n` error events (the SDK sends asynchronously). */
async function eventsAfterFlush(sentry: FakeSentry, n: number): Promise<SentryEvent[]> {
  await flushErrorTracking(3000);
  const deadline = Date.now() + 3000;
  while (sentry.events().length < n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return sentry.events() as unknown as SentryEvent[];
}

/** Stands in for TagsRepository.delete; its frame proves the stack is the error's own. */
function failingDelete(): Promise<boolean> {
  return Promise.reject(new Error('SQLITE_IOERR: disk I/O error while deleting'));
}

/** The user id (`sub`) of an access token, as the auth guard would set it. */
function jwtSubject(authorization: string): string {
  const payload = authorization.replace(/^Bearer /, '').split('.')[1];
  return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: unknown }).sub);
}

describe('error tracking with Sentry (e2e)', () => {
  let sentry: FakeSentry;
  let t: TestApp;

  beforeAll(async () => {
    sentry = await new FakeSentry().start();
    t = await createTestApp({ SENTRY_DSN: sentry.dsn, SENTRY_ENVIRONMENT: 'e2e' });
    // Stands in for the auth guard, which sets the authenticated user's id on the raw request.
    t.app
      .getHttpAdapter()
      .getInstance()
      .addHook('preHandler', (request, _reply, done) => {
        const id = request.headers['x-test-user-id'];
        if (typeof id === 'string') (request.raw as { userId?: string }).userId = id;
        done();
      });
  });
  afterAll(async () => {
    await t?.close();
    await sentry?.stop();
  });
  beforeEach(() => sentry.clear());

  it('reports a 500 with request id, user id, route and stack, and none of the secrets sent', async () => {
    // The database fails while a tag is deleted; the request carries secrets in its body, query
    // string and headers (a body on DELETE is parsed, and ignored by the route).
    const auth = await authHeaders(t, 'admin');
    const userId = auth.authorization ? jwtSubject(auth.authorization) : FAKE_USER_ID;
    const credentials = auth.authorization
      ? auth
      : { authorization: `Bearer ${BEARER}`, 'x-test-user-id': FAKE_USER_ID };
    const repo = t.app.get(TagsRepository);
    const original = repo.delete.bind(repo);
    repo.delete = failingDelete;
    let res;
    try {
      res = await t.app.inject({
        method: 'DELETE',
        url: DELETE_URL,
        headers: {
          ...credentials,
          'content-type': 'application/json',
          'x-request-id': 'sentry-e2e-request-0001',
          cookie: `sid=${COOKIE_VALUE}`,
        },
        payload: { email: EMAIL, password: PASSWORD, reason: 'cleanup' },
      });
    } finally {
      repo.delete = original;
    }
    expect(res.statusCode).toBe(500);

    const [event, ...others] = await eventsAfterFlush(sentry, 1);
    expect(others).toHaveLength(0);
    expect(event.environment).toBe('e2e');
    expect(event.tags).toMatchObject({
      request_id: 'sentry-e2e-request-0001',
      route: '/api/v1/tags/:id',
      method: 'DELETE',
    });
    expect(event.transaction).toBe('DELETE /api/v1/tags/:id');
    expect(event.user).toEqual({ id: userId });
    const exception = event.exception?.values[0];
    expect(exception?.type).toBe('Error');
    expect(exception?.value).toContain('disk I/O error');
    const frames = exception?.stacktrace?.frames ?? [];
    expect(frames.some((f) => f.function?.includes('failingDelete'))).toBe(true);
    expect(frames.some((f) => f.filename?.includes('error-tracking.e2e-spec'))).toBe(true);

    expect(event.request?.method).toBe('DELETE');
    expect(event.request?.url).toContain('/api/v1/tags/42?');
    expect(event.request?.url).toContain('utm=mail');
    expect(event.request?.headers?.authorization).toBe('[Filtered]');
    expect(event.request?.headers?.cookie).toBe('[Filtered]');
    expect(event.request?.data).toEqual({
      email: '[Filtered]',
      password: '[Filtered]',
      reason: 'cleanup',
    });

    // Nothing secret anywhere in what left the process.
    const raw = sentry.envelopes.map((e) => e.raw).join('\n');
    const bearer = (credentials.authorization ?? '').replace(/^Bearer /, '');
    for (const secret of [PASSWORD, EMAIL, bearer, COOKIE_VALUE, RESET_TOKEN]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('reports a 500 of a route without a body, with its context', async () => {
    const health = t.app.get(HealthService);
    const liveness = health.liveness.bind(health);
    health.liveness = () => {
      throw new TypeError('liveness exploded');
    };
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(500);
      const [event] = await eventsAfterFlush(sentry, 1);
      expect(event.tags?.request_id).toBe(res.headers['x-request-id']);
      expect(event.tags?.route).toBe('/api/v1/health');
      expect(event.exception?.values[0]).toMatchObject({
        type: 'TypeError',
        value: 'liveness exploded',
      });
      expect(event.user).toBeUndefined();
    } finally {
      health.liveness = liveness;
    }
  });

  it('sends nothing for 4xx answers', async () => {
    const auth = await authHeaders(t, 'admin');
    const json = { ...auth, 'content-type': 'application/json' };
    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: auth }),
      t.app.inject({ method: 'GET', url: '/api/v1/tags/not-an-id', headers: auth }),
      t.app.inject({ method: 'GET', url: '/api/v1/tags/999999', headers: auth }),
      t.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: json,
        payload: { name: 'x', colour: 'red', password: PASSWORD },
      }),
      t.app.inject({ method: 'POST', url: '/api/v1/tags', headers: json, payload: '{"broken": ' }),
    ]);
    for (const res of responses) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(JSON.parse(res.body)).toMatchObject({ is_error: true });
    }
    await flushErrorTracking(3000);
    await new Promise((r) => setTimeout(r, 200));
    expect(sentry.events()).toHaveLength(0);
  });

  it('reportError (failed jobs) takes the request and user id from the restored context', async () => {
    const id = RequestContext.run({ requestId: 'job-origin-request-01', userId: '77' }, () =>
      reportError(new Error('mail job failed'), {
        tags: { queue: 'mail', job: 'send-mail' },
        extra: { job_id: '12', attempt: 3, data: { to: EMAIL, reset_token: JOB_TOKEN } },
      }),
    );
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [event] = await eventsAfterFlush(sentry, 1);
    expect(event.event_id).toBe(id);
    expect(event.tags).toMatchObject({
      request_id: 'job-origin-request-01',
      queue: 'mail',
      job: 'send-mail',
    });
    expect(event.user).toEqual({ id: '77' });
    expect(event.extra).toMatchObject({
      job_id: '12',
      attempt: 3,
      data: { to: '[Filtered]', reset_token: '[Filtered]' },
    });
    const raw = sentry.envelopes.map((e) => e.raw).join('\n');
    expect(raw).not.toContain(EMAIL);
    expect(raw).not.toContain(JOB_TOKEN);
  });

  it('is off without SENTRY_DSN: reportError sends nothing', async () => {
    await closeErrorTracking();
    expect(errorTrackingEnabled()).toBe(false);
    expect(reportError(new Error('nobody hears this'))).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    expect(sentry.events()).toHaveLength(0);
  });
});
