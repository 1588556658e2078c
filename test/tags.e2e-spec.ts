import { authHeaders } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';

interface Tag {
  id: string;
  name: string;
  colour: string;
  created_at: string;
  updated_at: string;
}
interface Envelope<T> {
  payload: T;
  message: string;
  is_error: boolean;
}
interface ErrorPayload {
  error_code: string;
  details?: { field: string; message: string }[];
  request_id: string;
}
interface OffsetPage<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}
interface CursorPage<T> {
  items: T[];
  page_size: number;
  next_cursor: string | null;
}

describe('tags (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let reader: Record<string, string>;

  const post = (payload: unknown, headers = admin) =>
    t.app.inject({ method: 'POST', url: '/api/v1/tags', payload: payload as object, headers });
  const get = (url: string, headers = reader) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp({ DB_SEED_ON_START: 'false' });
    admin = await authHeaders(t, 'admin');
    reader = await authHeaders(t, 'author');
  });
  afterAll(() => t.close());

  describe('create, read, update, delete', () => {
    let created: Tag;

    it('POST creates and answers 201 in the envelope with a string id', async () => {
      const res = await post({ name: 'release', colour: '#A1B2C3' });
      expect(res.statusCode).toBe(201);
      const body = json<Envelope<Tag>>(res);
      expect(body).toMatchObject({ message: 'Tag created', is_error: false });
      created = body.payload;
      expect(created.id).toMatch(/^[1-9]\d*$/);
      expect(created).toMatchObject({ name: 'release', colour: '#a1b2c3' });
      expect(new Date(created.created_at).toISOString()).toBe(created.created_at);
    });

    it('GET one returns it', async () => {
      const res = await get(`/api/v1/tags/${created.id}`);
      expect(res.statusCode).toBe(200);
      expect(json<Envelope<Tag>>(res).payload).toEqual(created);
    });

    it('PUT changes the given fields and moves updated_at', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/tags/${created.id}`,
        payload: { colour: '#000000' },
        headers: admin,
      });
      expect(res.statusCode).toBe(200);
      const updated = json<Envelope<Tag>>(res).payload;
      expect(updated).toMatchObject({ id: created.id, name: 'release', colour: '#000000' });
      expect(updated.updated_at >= created.updated_at).toBe(true);
    });

    it('DELETE answers 200 with a null payload, then the tag is gone (404)', async () => {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tags/${created.id}`,
        headers: admin,
      });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toEqual({ payload: null, message: 'Tag deleted', is_error: false });
      const again = await get(`/api/v1/tags/${created.id}`);
      expect(again.statusCode).toBe(404);
      expect(json<Envelope<ErrorPayload>>(again)).toMatchObject({
        is_error: true,
        payload: { error_code: 'NOT_FOUND' },
        message: `Tag ${created.id} was not found`,
      });
    });

    it('PUT and DELETE of a missing tag answer 404', async () => {
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/tags/999999',
        payload: { colour: '#111111' },
        headers: admin,
      });
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/tags/999999',
        headers: admin,
      });
      expect([put.statusCode, del.statusCode]).toEqual([404, 404]);
    });
  });

  describe('uniqueness', () => {
    it('a duplicate name answers 409 from the unique index, and nothing is written twice', async () => {
      expect((await post({ name: 'dup', colour: '#111111' })).statusCode).toBe(201);
      const res = await post({ name: 'dup', colour: '#222222' });
      expect(res.statusCode).toBe(409);
      expect(json<Envelope<ErrorPayload>>(res).payload.error_code).toBe('DUPLICATE');
      const list = json<Envelope<OffsetPage<Tag>>>(await get('/api/v1/tags?q=dup'));
      expect(list.payload.total).toBe(1);
    });

    it('concurrent creates of one name: exactly one wins, the others get 409', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => post({ name: 'race', colour: '#333333' })),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409, 409, 409, 409]);
    });

    it('renaming onto an existing name answers 409', async () => {
      const other = json<Envelope<Tag>>(await post({ name: 'other', colour: '#444444' })).payload;
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/tags/${other.id}`,
        payload: { name: 'dup' },
        headers: admin,
      });
      expect(res.statusCode).toBe(409);
    });
  });

  describe('input validation', () => {
    it.each([
      [{ colour: '#111111' }, 'name'],
      [{ name: 'x'.repeat(65), colour: '#111111' }, 'name'],
      [{ name: 'ok', colour: 'red' }, 'colour'],
      [{ name: 42, colour: '#111111' }, 'name'],
      [{ name: 'ok', colour: '#111111', extra: 1 }, 'extra'],
      [{ name: '<b></b>', colour: '#111111' }, 'name'],
    ])('body %p answers 400 naming %s in details', async (payload, field) => {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      const body = json<Envelope<ErrorPayload>>(res);
      expect(body.payload.error_code).toBe('VALIDATION_FAILED');
      expect(body.payload.details?.map((d) => d.field)).toContain(field);
      expect(body.payload.request_id).toBe(res.headers['x-request-id']);
    });

    it('strips HTML and scripts from the name', async () => {
      const res = await post({ name: '<b>bold</b><script>alert(1)</script>', colour: '#111111' });
      expect(res.statusCode).toBe(201);
      expect(json<Envelope<Tag>>(res).payload.name).toBe('bold');
    });

    it.each(['abc', '0', '-1', '1.5', '9223372036854775808', '99999999999999999999'])(
      'path id %p answers 400',
      async (id) => {
        const res = await get(`/api/v1/tags/${id}`);
        expect(res.statusCode).toBe(400);
        expect(json<Envelope<ErrorPayload>>(res).payload.details?.[0].field).toBe('id');
      },
    );

    it('the largest BIGINT is a valid id (404, not 400)', async () => {
      expect((await get('/api/v1/tags/9223372036854775807')).statusCode).toBe(404);
    });

    it('text that looks like SQL is stored as text', async () => {
      const name = "x'); DROP TABLE tags;--";
      const res = await post({ name, colour: '#111111' });
      expect(res.statusCode).toBe(201);
      expect((await get('/api/v1/tags?q=drop')).statusCode).toBe(200);
    });
  });

  describe('listing', () => {
    beforeAll(async () => {
      for (const name of [
        'alpha',
        'beta',
        'gamma',
        'delta',
        'epsilon',
        'zeta',
        'eta',
        'theta',
        'iota',
        'kappa',
        'lambda',
        'mu',
      ]) {
        await post({ name: `greek-${name}`, colour: '#555555' });
      }
    });

    it('defaults to page 1 of 10 with totals', async () => {
      const body = json<Envelope<OffsetPage<Tag>>>(await get('/api/v1/tags?q=greek-'));
      expect(body.payload).toMatchObject({ total: 12, page: 1, page_size: 10, total_pages: 2 });
      expect(body.payload.items).toHaveLength(10);
      expect(body.payload.items[0].name).toBe('greek-alpha');
    });

    it('returns the last partial page', async () => {
      const body = json<Envelope<OffsetPage<Tag>>>(await get('/api/v1/tags?q=greek-&page=2'));
      expect(body.payload.items.map((i) => i.name)).toEqual(['greek-theta', 'greek-zeta']);
    });

    it.each(['page_size=101', 'page_size=0', 'page=0', 'page=abc', 'page_size=1.5'])(
      '%s answers 400',
      async (q) => {
        const res = await get(`/api/v1/tags?${q}`);
        expect(res.statusCode).toBe(400);
        expect(json<Envelope<ErrorPayload>>(res).payload.details?.length).toBeGreaterThan(0);
      },
    );

    it('accepts page_size=100', async () => {
      expect((await get('/api/v1/tags?page_size=100')).statusCode).toBe(200);
    });

    it('sorts descending with a leading minus', async () => {
      const body = json<Envelope<OffsetPage<Tag>>>(
        await get('/api/v1/tags?q=greek-&sort=-name&page_size=3'),
      );
      expect(body.payload.items.map((i) => i.name)).toEqual([
        'greek-zeta',
        'greek-theta',
        'greek-mu',
      ]);
    });

    it('refuses an unknown sort field with 400 naming sort', async () => {
      const res = await get('/api/v1/tags?sort=colour');
      expect(res.statusCode).toBe(400);
      expect(json<Envelope<ErrorPayload>>(res).payload.details?.[0].field).toBe('sort');
    });

    it('refuses unknown query parameters', async () => {
      expect((await get('/api/v1/tags?colour=red')).statusCode).toBe(400);
    });

    it('the search treats % and _ literally', async () => {
      const body = json<Envelope<OffsetPage<Tag>>>(await get('/api/v1/tags?q=%25'));
      expect(body.payload.total).toBe(0);
    });

    it('walks every row exactly once with cursors (empty cursor = first page, null at the end)', async () => {
      for (const sort of ['name', '-name', 'created_at', '-created_at']) {
        const seen: string[] = [];
        let cursor = '';
        for (let guard = 0; guard < 10; guard++) {
          const res = await get(
            `/api/v1/tags?q=greek-&page_size=5&sort=${sort}&cursor=${encodeURIComponent(cursor)}`,
          );
          expect(res.statusCode).toBe(200);
          const page = json<Envelope<CursorPage<Tag>>>(res).payload;
          expect(page).not.toHaveProperty('total');
          seen.push(...page.items.map((i) => i.name));
          if (page.next_cursor === null) break;
          cursor = page.next_cursor;
        }
        expect(seen).toHaveLength(12);
        expect(new Set(seen).size).toBe(12);
        if (sort === 'name') expect(seen).toEqual([...seen].sort());
      }
    });

    it('next_cursor is null when the last page is exactly full', async () => {
      const page = json<Envelope<CursorPage<Tag>>>(
        await get('/api/v1/tags?q=greek-&page_size=12&cursor='),
      ).payload;
      expect(page.items).toHaveLength(12);
      expect(page.next_cursor).toBeNull();
    });

    it('refuses a forged cursor and a cursor from another sort with 400', async () => {
      const first = json<Envelope<CursorPage<Tag>>>(
        await get('/api/v1/tags?q=greek-&page_size=5&cursor='),
      ).payload;
      const cursor = first.next_cursor as string;
      const [data, sig] = cursor.split('.');
      const tampered = `${Buffer.from(Buffer.from(data, 'base64url').toString().replace('greek', 'aaaaa')).toString('base64url')}.${sig}`;
      for (const bad of [tampered, 'not-a-cursor', `${data}.AAAAAAAAAAAAAAAAAAAAAA`]) {
        const res = await get(`/api/v1/tags?cursor=${encodeURIComponent(bad)}`);
        expect(res.statusCode).toBe(400);
        expect(json<Envelope<ErrorPayload>>(res).payload.error_code).toBe('INVALID_CURSOR');
      }
      const stale = await get(
        `/api/v1/tags?q=greek-&sort=-created_at&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(stale.statusCode).toBe(400);
    });
  });
});
