import { gunzipSync } from 'node:zlib';

import { Logger } from '@nestjs/common';

import { TagsRepository } from '../apps/api/src/modules/tags/tags.repository';
import { authHeaders } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';

interface ErrorEnvelope {
  payload: { error_code: string; request_id: string; details?: unknown };
  message: string;
  is_error: boolean;
}

describe('HTTP behaviour shared by every route (e2e)', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://app.example.com' });
    headers = await authHeaders(t, 'admin');
  });
  afterAll(() => t.close());

  describe('errors in the envelope', () => {
    it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers });
      expect(res.statusCode).toBe(404);
      expect(json<ErrorEnvelope>(res)).toMatchObject({
        is_error: true,
        payload: { error_code: 'ROUTE_NOT_FOUND' },
      });
    });

    it('wrong method on a known path → 404 in the envelope', async () => {
      const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/tags', headers });
      expect([404, 405]).toContain(res.statusCode);
      expect(json<ErrorEnvelope>(res).is_error).toBe(true);
    });

    it('malformed JSON → 400', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{"name": "x",',
      });
      expect(res.statusCode).toBe(400);
      expect(json<ErrorEnvelope>(res)).toMatchObject({
        is_error: true,
        payload: { error_code: 'MALFORMED_REQUEST' },
      });
    });

    it('a body over 1 MB → 413, and nothing is written', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'big', colour: '#111111', pad: 'x'.repeat(1_100_000) }),
      });
      expect(res.statusCode).toBe(413);
      expect(json<ErrorEnvelope>(res).payload.error_code).toBe('PAYLOAD_TOO_LARGE');
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/tags?q=big', headers });
      expect(json<{ payload: { total: number } }>(list).payload.total).toBe(0);
    });

    it('an unsupported content type → 415', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: 'name=x',
      });
      expect(res.statusCode).toBe(415);
      expect(json<ErrorEnvelope>(res).is_error).toBe(true);
    });

    it('an unexpected error → 500 with a generic message, nothing internal; logged at ERROR with the stack', async () => {
      const repo = t.app.get(TagsRepository);
      const original = repo.findById.bind(repo);
      repo.findById = () => Promise.reject(new Error('SELECT secret_column FROM internal_table'));
      try {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/tags/1', headers });
        expect(res.statusCode).toBe(500);
        const body = json<ErrorEnvelope>(res);
        expect(body).toMatchObject({
          message: 'An unexpected error occurred',
          is_error: true,
          payload: { error_code: 'INTERNAL_ERROR' },
        });
        expect(res.body).not.toMatch(/internal_table|secret_column|stack|at /);
        const line = t.logs
          .lines()
          .find(
            (l) =>
              l.request_id === body.payload.request_id &&
              l.level === 'error' &&
              l.err !== undefined,
          );
        expect(line).toBeDefined();
        expect(JSON.stringify(line)).toContain('internal_table');
        expect((line?.err as { stack: string }).stack).toContain('http.e2e-spec.ts');
      } finally {
        repo.findById = original;
      }
    });

    it('4xx are logged at WARN without a stack', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/tags/abc', headers });
      const id = json<ErrorEnvelope>(res).payload.request_id;
      const lines = t.logs.lines().filter((l) => l.request_id === id);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.level === 'warn')).toBe(true);
      expect(lines.some((l) => 'err' in l)).toBe(false);
    });
  });

  describe('request id', () => {
    it('echoes a sane X-Request-Id and uses it in every log line and error payload', async () => {
      t.logs.clear();
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/tags/abc',
        headers: { ...headers, 'x-request-id': 'trace-abc-12345' },
      });
      expect(res.headers['x-request-id']).toBe('trace-abc-12345');
      expect(json<ErrorEnvelope>(res).payload.request_id).toBe('trace-abc-12345');
      const lines = t.logs.lines().filter((l) => l.request_id === 'trace-abc-12345');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const requestLine = lines.find((l) => l.route === '/api/v1/tags/:id' && 'res' in l);
      expect(requestLine).toMatchObject({ level: 'warn', res: { status: 400 } });
      expect(typeof requestLine?.duration_ms).toBe('number');
      expect(typeof requestLine?.time).toBe('string');
      expect(typeof requestLine?.msg).toBe('string');
    });

    it('replaces an unsafe X-Request-Id with a generated one', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-request-id': 'bad id with spaces' },
      });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('generates one when absent', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('never logged', () => {
    it('passwords, tokens, cookies and secrets never reach the log output', async () => {
      t.logs.clear();
      const secrets = [
        'Sup3r-Secret-Passw0rd!',
        'eyJhbGciOiJIUzI1NiJ9.secret-token-value',
        'session=cookie-secret-value',
        'api-secret-value',
      ];
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tags',
        headers: {
          ...headers,
          authorization: `Bearer ${secrets[1]}`,
          cookie: secrets[2],
          'content-type': 'application/json',
        },
        payload: {
          name: 'x',
          colour: '#111111',
          password: secrets[0],
          token: secrets[1],
          secret: secrets[3],
        },
      });
      // Application code logging an in-flight body with credentials in it: pino redacts by path.
      new Logger('LoginAudit').log(
        {
          body: { email: 'someone@example.com', password: secrets[0], refresh_token: secrets[1] },
          api_key: secrets[3],
        },
        'login attempt',
      );
      const text = t.logs.text();
      expect(text).toContain('login attempt');
      expect(text).toContain('[REDACTED]');
      for (const secret of secrets) expect(text).not.toContain(secret);
    });
  });

  describe('hardening', () => {
    it('sends the API its security headers, on errors too, and none of the document-only ones', async () => {
      for (const url of ['/api/v1/health', '/api/v1/nothing-here']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.headers).toMatchObject({
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'cross-origin-resource-policy': 'same-origin',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        });
        for (const documentOnly of [
          'cross-origin-opener-policy',
          'origin-agent-cluster',
          'x-dns-prefetch-control',
          'x-download-options',
          'x-permitted-cross-domain-policies',
          'x-xss-protection',
        ]) {
          expect(res.headers).not.toHaveProperty(documentOnly);
        }
      }
    });

    it("sends Swagger UI's pages and assets helmet's whole set", async () => {
      for (const url of ['/docs', '/docs/swagger-ui.css']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.headers).toMatchObject({
          'cross-origin-opener-policy': 'same-origin',
          'x-permitted-cross-domain-policies': 'none',
          'x-frame-options': 'DENY',
          'x-content-type-options': 'nosniff',
        });
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        // Not production: no upgrade to HTTPS (the test runs over plain HTTP).
        expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      }
    });

    it('allows CORS only for the exact configured origin', async () => {
      const preflight = (origin: string) =>
        t.app.inject({
          method: 'OPTIONS',
          url: '/api/v1/tags',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      const allowed = await preflight('https://app.example.com');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
      const denied = await preflight('https://evil.example.com');
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('gzips responses over 1 KB and leaves small ones alone', async () => {
      for (let i = 0; i < 30; i++) {
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/tags',
          headers,
          payload: { name: `gzip-${i}`, colour: '#123456' },
        });
      }
      const big = await t.app.inject({
        method: 'GET',
        url: '/api/v1/tags?page_size=100',
        headers: { ...headers, 'accept-encoding': 'gzip' },
      });
      expect(big.headers['content-encoding']).toBe('gzip');
      const decoded = JSON.parse(gunzipSync(big.rawPayload).toString()) as {
        payload: { items: unknown[] };
      };
      expect(decoded.payload.items.length).toBeGreaterThanOrEqual(30);
      const small = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(small.headers['content-encoding']).toBeUndefined();
    });

    it('spares the liveness route the compression hooks (its answer is always small)', () => {
      const routes = t.app
        .getHttpAdapter()
        .getInstance()
        .printRoutes({ commonPrefix: false, includeHooks: true, method: 'GET' });
      const hooksOf = (path: string): string => {
        const start = routes.indexOf(`${path} (GET`);
        expect(start).toBeGreaterThanOrEqual(0);
        const next = routes.slice(start + 1).search(/\n[│ ]*[├└]── /);
        return next < 0 ? routes.slice(start) : routes.slice(start, start + 1 + next);
      };
      // @fastify/compress's route hooks are its functions onRequest and onSend.
      expect(hooksOf('/api/v1/tags')).toContain('"onSend()"');
      expect(hooksOf('/api/v1/health')).not.toContain('"onSend()"');
      expect(hooksOf('/api/v1/health')).not.toContain('"onRequest()"');
    });
  });
});
