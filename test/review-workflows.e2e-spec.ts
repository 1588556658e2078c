import { DataSource } from 'typeorm';

import { AppCache, cacheKey } from '@app/cache';
import { sqlTextCacheState } from '@app/database';

import { authHeaders } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';
import { createSignedInUser, TestUser } from './support/users';

interface Env<T> {
  payload: T;
  message: string;
  is_error: boolean;
}
interface Step {
  id: string;
  name: string;
  position: number;
}
interface Workflow {
  id: string;
  name: string;
  is_active: boolean;
  steps: Step[];
}
interface Review {
  id: string;
  status: string;
  version: number;
  round: number;
  current_step: { position: number; name: string } | null;
  decisions: { outcome: string; reviewer_id: string; round: number }[];
  comments: { body: string }[];
  tags: { id: string; name: string }[];
  closed_at: string | null;
  submitted_at: string | null;
  workflow: Workflow;
}
interface AuditRow {
  action: string;
  entity: string;
  entity_id: string;
  actor_id: string | null;
  diff: Record<string, { before?: unknown; after?: unknown }>;
  request_id: string | null;
}
interface ErrorPayload {
  error_code: string;
}

describe('review workflows (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let author: TestUser;
  let otherAuthor: TestUser;
  let r1: TestUser;
  let r2: TestUser;
  let twoStep: Workflow;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  async function createReview(
    user: TestUser,
    workflowId = twoStep.id,
    extra: object = {},
  ): Promise<Review> {
    const res = await call('POST', '/review-requests', user.headers, {
      workflow_id: workflowId,
      title: 'Rotate keys',
      body: 'Plan',
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return json<Env<Review>>(res).payload;
  }

  async function submit(user: TestUser, id: string): Promise<Review> {
    const res = await call('POST', `/review-requests/${id}/submit`, user.headers, {});
    expect(res.statusCode).toBe(200);
    return json<Env<Review>>(res).payload;
  }

  const decide = (
    headers: Record<string, string>,
    id: string,
    outcome: string,
    extra: object = {},
  ) => call('POST', `/review-requests/${id}/decisions`, headers, { outcome, ...extra });

  async function audit(entityId: string): Promise<AuditRow[]> {
    const res = await call(
      'GET',
      `/audit-logs?entity=review_request&entity_id=${entityId}&sort=created_at&page_size=100`,
      admin,
    );
    expect(res.statusCode).toBe(200);
    return json<Env<{ items: AuditRow[] }>>(res).payload.items;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await authHeaders(t, 'admin');
    [author, otherAuthor, r1, r2] = await Promise.all([
      createSignedInUser(t, 'author', 'alice'),
      createSignedInUser(t, 'author', 'bob'),
      createSignedInUser(t, 'reviewer', 'rita'),
      createSignedInUser(t, 'reviewer', 'ravi'),
    ]);
    const res = await call('POST', '/workflows', admin, {
      name: 'E2E two-step',
      description: 'Two peer approvals, then an admin sign-off',
      steps: [
        { name: 'Peer review', required_approvals: 2, reviewer_role: 'reviewer' },
        { name: 'Sign-off', required_approvals: 1, reviewer_role: 'admin' },
      ],
    });
    expect(res.statusCode).toBe(201);
    twoStep = json<Env<Workflow>>(res).payload;
  }, 60_000);
  afterAll(() => t.close());

  describe('workflows', () => {
    it('are created with ordered steps and readable by everyone', async () => {
      expect(twoStep.steps.map((s) => [s.position, s.name])).toEqual([
        [1, 'Peer review'],
        [2, 'Sign-off'],
      ]);
      const res = await call('GET', `/workflows/${twoStep.id}`, author.headers);
      expect(json<Env<Workflow>>(res).payload).toEqual(twoStep);
    });

    it('are written all-or-nothing: an invalid step leaves no workflow behind', async () => {
      const bad = await call('POST', '/workflows', admin, {
        name: 'Broken',
        steps: [
          { name: 'ok', required_approvals: 1, reviewer_role: 'reviewer' },
          { name: 'bad', required_approvals: 0, reviewer_role: 'reviewer' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      const list = await call('GET', '/workflows?q=broken', admin);
      expect(json<Env<{ total: number }>>(list).payload.total).toBe(0);
    });

    it('only admins write them', async () => {
      const res = await call('POST', '/workflows', r1.headers, {
        name: 'Nope',
        steps: [{ name: 's', required_approvals: 1, reviewer_role: 'reviewer' }],
      });
      expect(res.statusCode).toBe(403);
    });

    it('filter by active flag and refuse duplicate names with 409', async () => {
      const dup = await call('POST', '/workflows', admin, {
        name: 'E2E two-step',
        steps: [{ name: 's', required_approvals: 1, reviewer_role: 'reviewer' }],
      });
      expect(dup.statusCode).toBe(409);
      const inactive = await call('POST', '/workflows', admin, {
        name: 'E2E retired',
        is_active: false,
        steps: [{ name: 's', required_approvals: 1, reviewer_role: 'reviewer' }],
      });
      expect(inactive.statusCode).toBe(201);
      const active = json<Env<{ items: Workflow[] }>>(
        await call('GET', '/workflows?active=true&page_size=100', author.headers),
      ).payload.items;
      expect(active.every((w) => w.is_active)).toBe(true);
      expect(active.map((w) => w.name)).toContain('E2E two-step');
      expect(active.map((w) => w.name)).not.toContain('E2E retired');
    });
  });

  describe('stories', () => {
    it('submit → two approvals → admin sign-off → approved, with an audit entry for each step', async () => {
      const draft = await createReview(author);
      expect(draft).toMatchObject({ status: 'draft', version: 1, round: 0, current_step: null });
      const inReview = await submit(author, draft.id);
      expect(inReview).toMatchObject({
        status: 'in_review',
        round: 1,
        current_step: { position: 1, name: 'Peer review' },
      });

      const first = await decide(r1.headers, draft.id, 'approve', { comment: 'fine' });
      expect(first.statusCode).toBe(201);
      expect(json<Env<Review>>(first).payload.current_step?.position).toBe(1);
      const second = json<Env<Review>>(await decide(r2.headers, draft.id, 'approve')).payload;
      expect(second).toMatchObject({ status: 'in_review', current_step: { position: 2 } });
      const signed = json<Env<Review>>(await decide(admin, draft.id, 'approve')).payload;
      expect(signed.status).toBe('approved');
      expect(signed.closed_at).not.toBeNull();
      expect(signed.decisions.map((d) => d.outcome)).toEqual(['approve', 'approve', 'approve']);

      const rows = await audit(draft.id);
      expect(rows.map((r) => r.action)).toEqual([
        'create',
        'transition',
        'transition',
        'transition',
        'transition',
      ]);
      expect(rows[1].diff.status).toEqual({ before: 'draft', after: 'in_review' });
      expect(rows[4].diff.status).toEqual({ before: 'in_review', after: 'approved' });
      expect(rows[2].actor_id).toBe(r1.id);
      expect(rows.every((r) => typeof r.request_id === 'string')).toBe(true);
    });

    it('one reject rejects and closes', async () => {
      const r = await createReview(author);
      await submit(author, r.id);
      const res = await decide(r1.headers, r.id, 'reject', { comment: 'unsafe' });
      expect(json<Env<Review>>(res).payload).toMatchObject({ status: 'rejected' });
      expect((await decide(r2.headers, r.id, 'approve')).statusCode).toBe(409);
      expect((await audit(r.id)).map((a) => a.diff.status?.after).filter(Boolean)).toEqual([
        'draft',
        'in_review',
        'rejected',
      ]);
    });

    it('request changes → edit with the current version → resubmit → decided again in a new round', async () => {
      const r = await createReview(author);
      await submit(author, r.id);
      await decide(r1.headers, r.id, 'approve');
      const changes = json<Env<Review>>(
        await decide(r2.headers, r.id, 'request_changes', { comment: 'add rollback' }),
      ).payload;
      expect(changes.status).toBe('changes_requested');

      const stale = await call('PUT', `/review-requests/${r.id}`, author.headers, {
        body: 'Plan + rollback',
        version: changes.version - 1,
      });
      expect(stale.statusCode).toBe(409);
      expect(json<Env<ErrorPayload>>(stale).payload.error_code).toBe('REVIEW_STALE_VERSION');
      const edited = await call('PUT', `/review-requests/${r.id}`, author.headers, {
        body: 'Plan + rollback',
        version: changes.version,
      });
      expect(edited.statusCode).toBe(200);

      const again = await submit(author, r.id);
      expect(again).toMatchObject({ status: 'in_review', round: 2, current_step: { position: 1 } });
      expect((await decide(r1.headers, r.id, 'approve')).statusCode).toBe(201);
      const rows = await audit(r.id);
      expect(rows.filter((a) => a.action === 'update')).toHaveLength(1);
      expect(rows.find((a) => a.action === 'update')?.diff.body).toEqual({
        before: 'Plan',
        after: 'Plan + rollback',
      });
    });
  });

  describe('forbidden and impossible moves', () => {
    let review: Review;
    beforeAll(async () => {
      review = await createReview(author);
    });

    it("others cannot see an author's draft (404) or edit it (404/403)", async () => {
      expect(
        (await call('GET', `/review-requests/${review.id}`, otherAuthor.headers)).statusCode,
      ).toBe(404);
      expect(
        (
          await call('PUT', `/review-requests/${review.id}`, otherAuthor.headers, {
            title: 'x',
            version: 1,
          })
        ).statusCode,
      ).toBe(404);
      const list = json<Env<{ items: Review[] }>>(
        await call('GET', '/review-requests?page_size=100', otherAuthor.headers),
      ).payload.items;
      expect(list.map((i) => i.id)).not.toContain(review.id);
    });

    it('nobody decides on a draft: hidden from reviewers (404), not in review for admins (409)', async () => {
      expect((await decide(r1.headers, review.id, 'approve')).statusCode).toBe(404);
      expect((await decide(admin, review.id, 'approve')).statusCode).toBe(409);
    });

    it('only the author submits', async () => {
      expect(
        (await call('POST', `/review-requests/${review.id}/submit`, admin, {})).statusCode,
      ).toBe(403);
    });

    it('the author never decides; wrong roles are refused; nobody decides twice per step', async () => {
      await submit(author, review.id);
      expect((await decide(author.headers, review.id, 'approve')).statusCode).toBe(403);
      expect((await decide(otherAuthor.headers, review.id, 'approve')).statusCode).toBe(403);
      expect((await decide(r1.headers, review.id, 'approve')).statusCode).toBe(201);
      const twice = await decide(r1.headers, review.id, 'approve');
      expect(twice.statusCode).toBe(409);
      expect(json<Env<ErrorPayload>>(twice).payload.error_code).toBe('REVIEW_ALREADY_DECIDED');
    });

    it('edits are refused while in review, and reviewers cannot edit', async () => {
      const fresh = json<Env<Review>>(
        await call('GET', `/review-requests/${review.id}`, author.headers),
      ).payload;
      expect(
        (
          await call('PUT', `/review-requests/${review.id}`, author.headers, {
            title: 'x',
            version: fresh.version,
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await call('PUT', `/review-requests/${review.id}`, r1.headers, {
            title: 'x',
            version: fresh.version,
          })
        ).statusCode,
      ).toBe(403);
    });

    it('a stale version on a decision → 409', async () => {
      const res = await decide(r2.headers, review.id, 'approve', { version: 1 });
      expect(res.statusCode).toBe(409);
    });

    it('bad input is refused with 400 naming the field', async () => {
      const res = await call('POST', '/review-requests', author.headers, {
        workflow_id: 'abc',
        title: '',
        body: 'x',
        tag_ids: ['0'],
      });
      expect(res.statusCode).toBe(400);
      const fields = json<Env<{ details: { field: string }[] }>>(res).payload.details.map(
        (d) => d.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['workflow_id', 'title', 'tag_ids']));
      const unknownTag = await call('POST', '/review-requests', author.headers, {
        workflow_id: twoStep.id,
        title: 't',
        body: 'b',
        tag_ids: ['999999'],
      });
      expect(unknownTag.statusCode).toBe(400);
      expect((await decide(r1.headers, review.id, 'maybe')).statusCode).toBe(400);
    });
  });

  describe('concurrency', () => {
    async function oneStepWorkflow(required: number): Promise<Workflow> {
      const res = await call('POST', '/workflows', admin, {
        name: `E2E race ${required}-${Date.now()}`,
        steps: [{ name: 'Only', required_approvals: required, reviewer_role: 'reviewer' }],
      });
      return json<Env<Workflow>>(res).payload;
    }

    it.each([1, 2])(
      'two reviewers approving at once (required %i): never an impossible state',
      async (required) => {
        const wf = await oneStepWorkflow(required);
        await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
        const address = t.app.getHttpServer().address() as { port: number };
        for (let i = 0; i < 5; i++) {
          const r = await createReview(author, wf.id);
          await submit(author, r.id);
          const post = (u: TestUser) =>
            fetch(`http://127.0.0.1:${address.port}/api/v1/review-requests/${r.id}/decisions`, {
              method: 'POST',
              headers: { ...u.headers, 'content-type': 'application/json' },
              body: JSON.stringify({ outcome: 'approve' }),
            });
          const codes = (await Promise.all([post(r1), post(r2)])).map((x) => x.status).sort();
          const final = json<Env<Review>>(
            await call('GET', `/review-requests/${r.id}`, admin),
          ).payload;
          const approvals = final.decisions.filter((d) => d.outcome === 'approve').length;
          expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
          expect(codes.filter((c) => c === 201)).toHaveLength(approvals);
          if (approvals >= required) expect(final.status).toBe('approved');
          else expect(final).toMatchObject({ status: 'in_review', current_step: { position: 1 } });
          expect(approvals).toBeLessThanOrEqual(required === 1 ? 1 : 2);
        }
      },
    );
  });

  describe('lists', () => {
    it('filter by status, workflow, author, tag, title and date; sort; cursor pages', async () => {
      const tag = json<Env<{ id: string }>>(
        await call('POST', '/tags', admin, { name: 'e2e-list-tag', colour: '#123456' }),
      ).payload;
      const tagged = await createReview(otherAuthor, twoStep.id, {
        title: 'Tagged thing',
        tag_ids: [tag.id],
      });
      await submit(otherAuthor, tagged.id);
      const get = async (q: string, who = r1) =>
        json<Env<{ items: Review[]; total?: number; next_cursor?: string | null }>>(
          await call('GET', `/review-requests?${q}`, who.headers),
        ).payload;
      expect((await get(`tag=e2e-list-tag`)).items.map((i) => i.id)).toEqual([tagged.id]);
      expect((await get(`q=tagged&status=in_review`)).items.map((i) => i.id)).toEqual([tagged.id]);
      expect(
        (await get(`author_id=${otherAuthor.id}&workflow_id=${twoStep.id}`)).items.map((i) => i.id),
      ).toContain(tagged.id);
      expect((await get(`created_from=2999-01-01T00:00:00Z`)).items).toHaveLength(0);
      expect((await get(`status=approved`)).items.every((i) => i.status === 'approved')).toBe(true);
      expect((await get('awaiting_me=true&page_size=100')).items.map((i) => i.id)).toContain(
        tagged.id,
      );
      expect((await get('awaiting_me=true&page_size=100', otherAuthor)).items).toHaveLength(0);
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await get(`sort=title&page_size=3&cursor=${encodeURIComponent(cursor)}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor ?? '';
      } while (cursor);
      const total = (await get('page_size=1')).total;
      expect(seen).toHaveLength(total ?? -1);
      expect(new Set(seen).size).toBe(seen.length);
      expect((await call('GET', '/review-requests?sort=body', r1.headers)).statusCode).toBe(400);
    });

    it('each listed request carries its own tags, by name, shared tags on each', async () => {
      const tag = async (name: string) =>
        json<Env<{ id: string }>>(await call('POST', '/tags', admin, { name, colour: '#0a0b0c' }))
          .payload.id;
      const [zeta, alpha, mid] = [
        await tag('e2e-zeta'),
        await tag('e2e-alpha'),
        await tag('e2e-mid'),
      ];
      const both = await createReview(author, twoStep.id, {
        title: 'shared-tags one',
        tag_ids: [zeta, alpha],
      });
      const other = await createReview(author, twoStep.id, {
        title: 'shared-tags two',
        tag_ids: [mid, alpha],
      });
      const none = await createReview(author, twoStep.id, { title: 'shared-tags none' });

      const items = json<Env<{ items: Review[] }>>(
        await call('GET', '/review-requests?q=shared-tags&page_size=10', author.headers),
      ).payload.items;
      const tagsOf = (id: string) => items.find((i) => i.id === id)?.tags.map((t) => t.name);

      expect(tagsOf(both.id)).toEqual(['e2e-alpha', 'e2e-zeta']);
      expect(tagsOf(other.id)).toEqual(['e2e-alpha', 'e2e-mid']);
      expect(tagsOf(none.id)).toEqual([]);
    });

    it('comments: author and reviewers write, everyone who sees the request reads, paged', async () => {
      const r = await createReview(author);
      await submit(author, r.id);
      expect(
        (
          await call('POST', `/review-requests/${r.id}/comments`, r1.headers, {
            body: '<b>Why</b> now?',
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await call('POST', `/review-requests/${r.id}/comments`, author.headers, {
            body: 'Deadline',
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await call('POST', `/review-requests/${r.id}/comments`, otherAuthor.headers, {
            body: 'me too',
          })
        ).statusCode,
      ).toBe(403);
      const page = json<Env<{ items: { body: string }[]; total: number }>>(
        await call('GET', `/review-requests/${r.id}/comments`, otherAuthor.headers),
      ).payload;
      expect(page.items.map((c) => c.body)).toEqual(['Why now?', 'Deadline']);
    });
  });

  describe('queries stay bounded (no N+1)', () => {
    /**
     * Counts the queries run from now on whose SQL matches (SELECTs unless told), until `stop()`.
     * The count is taken before the spy is restored: restoring clears the calls it recorded.
     */
    function countQueries(matching = /^\s*SELECT/i): { count: () => number; stop: () => void } {
      const ds = t.app.get(DataSource);
      const spy = jest.spyOn(ds.logger, 'logQuery');
      const counted = () => spy.mock.calls.filter(([q]) => matching.test(String(q))).length;
      let stopped: number | undefined;
      return {
        count: () => stopped ?? counted(),
        stop: () => {
          stopped = counted();
          spy.mockRestore();
        },
      };
    }

    it('listing 100 requests costs the same number of queries as listing 5', async () => {
      const tag = json<Env<{ id: string }>>(
        await call('POST', '/tags', admin, { name: 'nplus1', colour: '#654321' }),
      ).payload;
      for (let i = 0; i < 100; i++)
        await createReview(author, twoStep.id, { title: `bulk ${i}`, tag_ids: [tag.id] });
      const measure = async (size: number) => {
        const counter = countQueries();
        const res = await call('GET', `/review-requests?q=bulk&page_size=${size}`, author.headers);
        counter.stop();
        expect(json<Env<{ items: Review[] }>>(res).payload.items).toHaveLength(size);
        return counter.count();
      };
      const small = await measure(5);
      const large = await measure(100);
      // The larger page may skip the COUNT: the total of this filter is cached by then.
      expect(large).toBeLessThanOrEqual(small);
      expect(small).toBeLessThanOrEqual(6);
    });

    it('list pages do not read the bodies (standard §10.1: select the columns you need)', async () => {
      await createReview(author, twoStep.id, { title: 'projection check', body: 'x'.repeat(5000) });
      const spy = jest.spyOn(t.app.get(DataSource).logger, 'logQuery');
      const res = await call('GET', '/review-requests?q=projection&page_size=5', author.headers);
      const selects = spy.mock.calls
        .map(([q]) => String(q))
        .filter((q) => /FROM "review_requests"/.test(q));
      spy.mockRestore();

      expect(json<Env<{ items: Review[] }>>(res).payload.items).toHaveLength(1);
      expect(selects.length).toBeGreaterThan(0);
      expect(selects.filter((q) => /"body"/.test(q))).toEqual([]);
    });

    it('offset totals are cached per filter and exact after every write', async () => {
      const list = async () => {
        const counts = countQueries(/COUNT\(/i);
        const res = await call('GET', '/review-requests?q=totals&page_size=1', author.headers);
        counts.stop();
        return {
          total: json<Env<{ total: number }>>(res).payload.total,
          countQueriesRun: counts.count(),
        };
      };
      await createReview(author, twoStep.id, { title: 'totals 1' });
      await createReview(author, twoStep.id, { title: 'totals 2' });
      const first = await list();
      expect(first).toMatchObject({ total: 2, countQueriesRun: 1 });
      const second = await list();
      expect(second).toMatchObject({ total: 2, countQueriesRun: 0 });
      const created = await createReview(author, twoStep.id, { title: 'totals 3' });
      expect((await list()).total).toBe(3);
      expect(
        (await call('DELETE', `/review-requests/${created.id}`, author.headers)).statusCode,
      ).toBeLessThan(300);
      expect((await list()).total).toBe(2);
    });

    it('concurrent pages of one filter whose total is not cached run one COUNT (no stampede)', async () => {
      await createReview(author, twoStep.id, { title: 'stampede 1' });
      await createReview(author, twoStep.id, { title: 'stampede 2' });
      const counts = countQueries(/COUNT\(/i);
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          call('GET', '/review-requests?q=stampede&page_size=1', author.headers),
        ),
      );
      counts.stop();

      expect(responses.map((res) => json<Env<{ total: number }>>(res).payload.total)).toEqual(
        Array.from({ length: 12 }, () => 2),
      );
      expect(counts.count()).toBe(1);
    });

    it('concurrent pages whose workflow is not cached load it once (no stampede)', async () => {
      for (const title of ['herd 1', 'herd 2'])
        await submit(author, (await createReview(author, twoStep.id, { title })).id);
      await call('GET', '/review-requests?q=herd&page_size=2', author.headers); // total cached
      await t.app.get(AppCache).invalidate(cacheKey('workflow', twoStep.id)); // as its TTL ends
      const reads = countQueries(/FROM "workflows?(_steps?)?"/i);
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          call('GET', '/review-requests?q=herd&page_size=2', author.headers),
        ),
      );
      reads.stop();

      for (const res of responses) {
        const items = json<Env<{ items: Review[] }>>(res).payload.items;
        // The current step's name comes from the workflow's steps: both pages had them.
        expect(items.map((r) => r.current_step?.name)).toEqual(['Peer review', 'Peer review']);
      }
      expect(reads.count()).toBe(2); // the workflow's row and its steps, once for all 12
    });

    it('list pages reuse their SQL text per query shape, each reuse checked under test', async () => {
      const ds = t.app.get(DataSource);
      const before = sqlTextCacheState(ds).shapes;
      for (const status of ['draft', 'in_review', 'approved']) {
        const res = await call(
          'GET',
          `/review-requests?status=${status}&page_size=7&cursor=`,
          author.headers,
        );
        expect(res.statusCode).toBe(200);
      }
      // One shape for the three pages (the status is a bound value), at most one more for tags.
      expect(sqlTextCacheState(ds).shapes - before).toBeGreaterThanOrEqual(1);
      expect(sqlTextCacheState(ds).shapes - before).toBeLessThanOrEqual(2);
      expect(sqlTextCacheState(ds).verify).toBe(true); // NODE_ENV=test: every reuse is rebuilt and compared
    });

    it('one request with many decisions and comments loads in a fixed number of queries', async () => {
      const r = await createReview(author);
      await submit(author, r.id);
      for (let i = 0; i < 15; i++)
        await call('POST', `/review-requests/${r.id}/comments`, r1.headers, { body: `c${i}` });
      await decide(r1.headers, r.id, 'approve');
      await decide(r2.headers, r.id, 'approve');
      const counter = countQueries();
      const res = await call('GET', `/review-requests/${r.id}`, author.headers);
      counter.stop();
      const body = json<Env<Review>>(res).payload;
      expect(body.decisions).toHaveLength(2);
      expect(body.comments.length).toBeGreaterThanOrEqual(15);
      expect(body.workflow.steps).toHaveLength(2);
      expect(counter.count()).toBeLessThanOrEqual(7);
    });
  });
});
