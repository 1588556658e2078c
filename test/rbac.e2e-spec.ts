import { createSecretKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { JwtService } from '@nestjs/jwt';

import { TransactionRunner } from '@app/database';

import { ReportsRepository } from '../apps/api/src/modules/reports/reports.repository';

import { authHeaders, bearer, demoUser, login, TestRole } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';

/**
 * Every protected route × every caller, against the table in docs/security.md, and the public
 * routes without a token. The route list comes from the Fastify router, so a route that is not in
 * docs/security.md (or has no request below) fails here.
 */

const SECURITY_DOC = join(__dirname, '..', 'docs', 'security.md');
const ROLES: TestRole[] = ['admin', 'reviewer', 'author'];
const BAD_TOKENS = ['no token', 'expired', 'bad signature', 'alg none', 'wrong audience'] as const;
type Caller = TestRole | (typeof BAD_TOKENS)[number];
const CALLERS: Caller[] = [...ROLES, ...BAD_TOKENS];

interface Request {
  url: string;
  payload?: Record<string, unknown>;
  /** Replaces the caller's headers (e.g. a fresh user of that role for a password change). */
  headers?: Record<string, string>;
}

/** `| \`GET /api/v1/tags\` | 200 | … |` rows between the markers. */
function docTable(name: string): string[][] {
  const text = readFileSync(SECURITY_DOC, 'utf8');
  const start = text.indexOf(`<!-- rbac:${name}:start -->`);
  const end = text.indexOf(`<!-- rbac:${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`docs/security.md has no rbac:${name} table`);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

/** `GET /api/v1/tags/:id` for every route Fastify serves, without HEAD/OPTIONS and Swagger UI. */
function routerRoutes(t: TestApp): string[] {
  const tree = t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1].length / 4;
    while (stack.length > depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + m[2];
    stack.push({ depth, path });
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (!method || method === 'HEAD' || method === 'OPTIONS' || path === '*') continue;
      if (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-')) continue;
      routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}

const toRouter = (route: string) => route.replace(/\{(\w+)\}/g, ':$1');

describe('RBAC: every route × every caller, as docs/security.md says (e2e)', () => {
  let t: TestApp;
  let jwt: JwtService;
  let adminId: string;
  let authorId: string;
  let tagId: string;
  let workflowId: string;
  let reviewId: string;
  const tokens = new Map<Caller, Record<string, string>>();
  let seq = 0;
  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++seq}`;

  const asAdmin = () => tokens.get('admin')!;

  async function createTag(): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tags',
      headers: asAdmin(),
      payload: { name: unique('rbac'), colour: '#123456' },
    });
    return json<{ payload: { id: string } }>(res).payload.id;
  }

  async function createUser(role: TestRole, password = 'Rbac-Table-Walk-9417'): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: asAdmin(),
      payload: { email: `${unique(role)}@rbac.test`, display_name: 'RBAC walk', role, password },
    });
    if (res.statusCode !== 201) throw new Error(`creating a ${role}: ${res.body}`);
    return json<{ payload: { id: string } }>(res).payload.id;
  }

  /** A fresh workflow with one reviewer step, then one admin step. */
  async function createWorkflow(): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: asAdmin(),
      payload: {
        name: unique('rbac-flow'),
        steps: [
          { name: 'Peer', required_approvals: 1, reviewer_role: 'reviewer' },
          { name: 'Sign-off', required_approvals: 1, reviewer_role: 'admin' },
        ],
      },
    });
    return json<{ payload: { id: string } }>(res).payload.id;
  }

  /** A review request written by the demo author: a draft, or submitted into review. */
  async function createReview(submitted: boolean): Promise<string> {
    const author = tokens.get('author')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: author,
      payload: { workflow_id: workflowId, title: unique('rbac review'), body: 'RBAC walk' },
    });
    const id = json<{ payload: { id: string } }>(res).payload.id;
    if (submitted) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/review-requests/${id}/submit`,
        headers: author,
        payload: {},
      });
    }
    return id;
  }

  /** A report of the demo author, still queued (the walk has no Redis, so no job runs it). */
  async function createReport(): Promise<string> {
    const report = await t.app
      .get(TransactionRunner)
      .run((m) => t.app.get(ReportsRepository).insert({ ownerId: authorId, filters: '{}' }, m));
    return String(report.id);
  }

  /** A fresh user of the role, signed in: for calls that change the caller's own credentials. */
  async function freshCaller(role: TestRole, password: string): Promise<Record<string, string>> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: asAdmin(),
      payload: { email: `${unique(role)}@rbac.test`, display_name: 'RBAC walk', role, password },
    });
    const email = json<{ payload: { email: string } }>(res).payload.email;
    return bearer((await login(t, email, password)).access_token);
  }

  /** A request that succeeds for a caller the route admits. */
  const requests: Record<string, (caller: Caller) => Promise<Request>> = {
    'GET /api/v1/tags': async () => ({ url: '/api/v1/tags' }),
    'POST /api/v1/tags': async () => ({
      url: '/api/v1/tags',
      payload: { name: unique('tag'), colour: '#abcdef' },
    }),
    'GET /api/v1/tags/{id}': async () => ({ url: `/api/v1/tags/${tagId}` }),
    'PUT /api/v1/tags/{id}': async () => ({
      url: `/api/v1/tags/${tagId}`,
      payload: { colour: '#fedcba' },
    }),
    // Resources a call would destroy are made fresh for the admin (the others are refused first).
    'DELETE /api/v1/tags/{id}': async (caller) => ({
      url: `/api/v1/tags/${caller === 'admin' ? await createTag() : tagId}`,
    }),
    'GET /api/v1/users/me': async () => ({ url: '/api/v1/users/me' }),
    'PUT /api/v1/users/me': async () => ({
      url: '/api/v1/users/me',
      payload: { display_name: 'Walked' },
    }),
    'PUT /api/v1/users/me/password': async (caller) => {
      const password = 'Rbac-Old-Passphrase-5521';
      return {
        url: '/api/v1/users/me/password',
        payload: { current_password: password, new_password: 'Rbac-New-Passphrase-7730' },
        headers: ROLES.includes(caller as TestRole)
          ? await freshCaller(caller as TestRole, password)
          : undefined,
      };
    },
    'GET /api/v1/users': async () => ({ url: '/api/v1/users?role=author&is_active=true&q=quorum' }),
    'POST /api/v1/users': async () => ({
      url: '/api/v1/users',
      payload: {
        email: `${unique('new')}@rbac.test`,
        display_name: 'New user',
        role: 'reviewer',
        password: 'Rbac-Created-User-3391',
      },
    }),
    'GET /api/v1/users/{id}': async () => ({ url: `/api/v1/users/${authorId}` }),
    'PUT /api/v1/users/{id}': async (caller) => ({
      url: `/api/v1/users/${caller === 'admin' ? await createUser('author') : authorId}`,
      payload: { display_name: 'Renamed', role: 'reviewer' },
    }),
    'DELETE /api/v1/users/{id}': async (caller) => ({
      url: `/api/v1/users/${caller === 'admin' ? await createUser('author') : authorId}`,
    }),
    'POST /api/v1/users/{id}/unlock': async () => ({ url: `/api/v1/users/${authorId}/unlock` }),
    'POST /api/v1/auth/logout': async () => ({
      url: '/api/v1/auth/logout',
      payload: { refresh_token: 'not-a-token-of-this-caller' },
    }),
    'GET /api/v1/workflows': async () => ({ url: '/api/v1/workflows?active=true' }),
    'POST /api/v1/workflows': async () => ({
      url: '/api/v1/workflows',
      payload: {
        name: unique('flow'),
        steps: [{ name: 'One', required_approvals: 1, reviewer_role: 'reviewer' }],
      },
    }),
    'GET /api/v1/workflows/{id}': async () => ({ url: `/api/v1/workflows/${workflowId}` }),
    'PUT /api/v1/workflows/{id}': async (caller) => ({
      url: `/api/v1/workflows/${caller === 'admin' ? await createWorkflow() : workflowId}`,
      payload: { description: 'Walked' },
    }),
    'DELETE /api/v1/workflows/{id}': async (caller) => ({
      url: `/api/v1/workflows/${caller === 'admin' ? await createWorkflow() : workflowId}`,
    }),
    'POST /api/v1/reports': async () => ({ url: '/api/v1/reports', payload: {} }),
    'GET /api/v1/reports/{id}': async () => ({ url: `/api/v1/reports/${await createReport()}` }),
    'GET /api/v1/reports/{id}/download': async () => ({
      url: `/api/v1/reports/${await createReport()}/download`,
    }),
    'GET /api/v1/review-requests': async () => ({
      url: '/api/v1/review-requests?status=in_review',
    }),
    'POST /api/v1/review-requests': async () => ({
      url: '/api/v1/review-requests',
      payload: { workflow_id: workflowId, title: unique('new review'), body: 'Body' },
    }),
    'GET /api/v1/review-requests/{id}': async () => ({
      url: `/api/v1/review-requests/${reviewId}`,
    }),
    'PUT /api/v1/review-requests/{id}': async () => ({
      url: `/api/v1/review-requests/${await createReview(false)}`,
      payload: { title: 'Edited', version: 1 },
    }),
    'DELETE /api/v1/review-requests/{id}': async () => ({
      url: `/api/v1/review-requests/${await createReview(false)}`,
    }),
    'POST /api/v1/review-requests/{id}/submit': async () => ({
      url: `/api/v1/review-requests/${await createReview(false)}/submit`,
      payload: {},
    }),
    'POST /api/v1/review-requests/{id}/decisions': async () => ({
      url: `/api/v1/review-requests/${await createReview(true)}/decisions`,
      payload: { outcome: 'approve' },
    }),
    'GET /api/v1/review-requests/{id}/comments': async () => ({
      url: `/api/v1/review-requests/${reviewId}/comments`,
    }),
    'POST /api/v1/review-requests/{id}/comments': async () => ({
      url: `/api/v1/review-requests/${reviewId}/comments`,
      payload: { body: 'A comment' },
    }),
    'GET /api/v1/audit-logs': async () => ({ url: '/api/v1/audit-logs?entity=tag' }),
    // Public routes: no token at all.
    'GET /api/v1/health': async () => ({ url: '/api/v1/health' }),
    'GET /api/v1/health/detailed': async () => ({ url: '/api/v1/health/detailed' }),
    'POST /api/v1/auth/register': async () => ({
      url: '/api/v1/auth/register',
      payload: {
        email: `${unique('signup')}@rbac.test`,
        display_name: 'Signed up',
        password: 'Rbac-Signup-Passphrase-1207',
      },
    }),
    'POST /api/v1/auth/login': async () => {
      const user = demoUser('reviewer');
      return { url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } };
    },
    'POST /api/v1/auth/token': async () => {
      const user = demoUser('reviewer');
      return {
        url: '/api/v1/auth/token',
        payload: { grant_type: 'password', username: user.email, password: user.password },
      };
    },
    'POST /api/v1/auth/refresh': async () => {
      const user = demoUser('reviewer');
      const pair = await login(t, user.email, user.password);
      return { url: '/api/v1/auth/refresh', payload: { refresh_token: pair.refresh_token } };
    },
    'POST /api/v1/auth/password/forgot': async () => ({
      url: '/api/v1/auth/password/forgot',
      payload: { email: demoUser('author').email },
    }),
    'GET /metrics': async () => ({ url: '/metrics' }),
    'POST /api/v1/auth/password/reset': async () => {
      // A reset token can only be learnt from the mail; without one the route still answers (400).
      return {
        url: '/api/v1/auth/password/reset',
        payload: { token: 'x'.repeat(43), new_password: 'Rbac-Reset-Passphrase-6620' },
      };
    },
  };

  const protectedRows = docTable('protected');
  const publicRows = docTable('public');

  beforeAll(async () => {
    t = await createTestApp({ ALLOW_SIGNUP: 'true' });
    for (const role of ROLES) tokens.set(role, await authHeaders(t, role));
    const me = (role: TestRole) =>
      t.app
        .inject({ method: 'GET', url: '/api/v1/users/me', headers: tokens.get(role) })
        .then((r) => json<{ payload: { id: string } }>(r).payload.id);
    adminId = await me('admin');
    authorId = await me('author');
    tagId = await createTag();
    workflowId = await createWorkflow();
    reviewId = await createReview(true);

    const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = t.config;
    jwt = new JwtService({ secret: createSecretKey(Buffer.from(JWT_SECRET)) });
    const now = Math.floor(Date.now() / 1000);
    const claims = { role: 'admin', jti: randomUUID() };
    const sign = (options: Record<string, unknown>, secret?: string) =>
      jwt.sign(claims, {
        algorithm: 'HS256',
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        subject: adminId,
        ...options,
        ...(secret ? { secret } : {}),
      });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    tokens.set('no token', {});
    tokens.set(
      'expired',
      bearer(
        jwt.sign(
          { ...claims, iat: now - 3600, exp: now - 60 },
          {
            algorithm: 'HS256',
            issuer: JWT_ISSUER,
            audience: JWT_AUDIENCE,
            subject: adminId,
          },
        ),
      ),
    );
    tokens.set('bad signature', bearer(sign({ expiresIn: 600 }, 'another-key-'.repeat(4))));
    tokens.set(
      'alg none',
      bearer(
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
          ...claims,
          sub: adminId,
          iss: JWT_ISSUER,
          aud: JWT_AUDIENCE,
          iat: now,
          exp: now + 600,
        })}.`,
      ),
    );
    tokens.set('wrong audience', bearer(sign({ expiresIn: 600, audience: 'another-api' })));
  });
  afterAll(() => t?.close());

  it('documents every route the router serves, and only those', () => {
    const documented = [...protectedRows, ...publicRows].map((row) => toRouter(row[0])).sort();
    const served = routerRoutes(t);
    expect(served.length).toBeGreaterThan(10);
    const undocumented = served.filter((r) => !documented.includes(r));
    const stale = documented.filter((r) => !served.includes(r));
    expect({ undocumented, stale }).toEqual({ undocumented: [], stale: [] });
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('has a request for every documented route', () => {
    const missing = [...protectedRows, ...publicRows]
      .map((row) => row[0])
      .filter((route) => !requests[route]);
    expect(missing).toEqual([]);
  });

  it('has a column per caller in the protected table', () => {
    for (const row of protectedRows) expect(row).toHaveLength(1 + CALLERS.length);
  });

  describe.each(protectedRows.map((row) => [row[0], row.slice(1)] as const))(
    '%s',
    (route, codes) => {
      it.each(CALLERS.map((caller, i) => [caller, Number(codes[i])] as const))(
        'as %s → %i',
        async (caller, expected) => {
          const [method] = route.split(' ');
          const request = await requests[route](caller);
          const res = await t.app.inject({
            method: method as 'GET',
            url: request.url,
            headers: request.headers ?? tokens.get(caller),
            ...(request.payload ? { payload: request.payload } : {}),
          });
          expect({
            status: res.statusCode,
            body: res.statusCode === expected ? '' : res.body,
          }).toEqual({
            status: expected,
            body: '',
          });
          const body = json<{ is_error: boolean; payload: { error_code?: string } }>(res);
          if (expected === 401) {
            expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="quorum"/);
            const code = {
              'no token': 'UNAUTHORIZED',
              expired: 'TOKEN_EXPIRED',
              'bad signature': 'TOKEN_INVALID',
              'alg none': 'TOKEN_INVALID',
              'wrong audience': 'TOKEN_INVALID',
            }[caller as (typeof BAD_TOKENS)[number]];
            expect(body.payload.error_code).toBe(code);
          }
          // Role checks answer FORBIDDEN; ownership rules of review requests name the rule.
          if (expected === 403)
            expect(body.payload.error_code).toMatch(/^(FORBIDDEN|REVIEW_[A-Z_]+)$/);
          expect(body.is_error).toBe(expected >= 400);
        },
      );
    },
  );

  describe.each(publicRows.map((row) => [row[0]] as const))('public %s', (route) => {
    it.each(['no token', 'bad signature'] as const)(
      'answers with %s (not 401/403)',
      async (caller) => {
        const [method] = route.split(' ');
        const request = await requests[route](caller);
        const res = await t.app.inject({
          method: method as 'GET',
          url: request.url,
          headers: tokens.get(caller),
          ...(request.payload ? { payload: request.payload } : {}),
        });
        if (route === 'GET /metrics') {
          // Prometheus text, not the envelope (METRICS_TOKEN is unset here; a JWT is ignored).
          expect(res.statusCode).toBe(200);
          expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
        } else if (route === 'POST /api/v1/auth/password/reset') {
          expect(json<{ payload: { error_code: string } }>(res).payload.error_code).toBe(
            'RESET_TOKEN_INVALID',
          );
        } else {
          expect({ ok: [200, 201].includes(res.statusCode), body: res.body }).toEqual({
            ok: true,
            body: expect.stringContaining('"is_error":false'),
          });
        }
      },
    );
  });
});
