import Fastify from 'fastify';

import { EnvelopingFastifyAdapter } from './enveloping-fastify.adapter';

/** A real Fastify app whose route answers through the adapter's reply(), as Nest's router does. */
async function serve(body: unknown) {
  const adapter = new EnvelopingFastifyAdapter();
  const app = Fastify();
  app.get('/thing', (_request, reply) => adapter.reply(reply, body, 200));
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/thing' });
  await app.close();
  await adapter.close();
  return res;
}

describe('EnvelopingFastifyAdapter', () => {
  it('wraps a result in the envelope', async () => {
    const res = await serve({ id: '1', steps: [{ position: 1 }] });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      payload: { id: '1', steps: [{ position: 1 }] },
      message: 'Success',
      is_error: false,
    });
  });

  it('sends a frozen result (a cached value) as the same JSON, its text computed once', async () => {
    const value = Object.freeze({ id: '1', name: 'Réview "quoted"', steps: Object.freeze([]) });
    const stringify = jest.spyOn(JSON, 'stringify');
    const first = await serve(value);
    const second = await serve(value);
    const payloadCalls = stringify.mock.calls.filter(([arg]) => arg === value).length;
    stringify.mockRestore();
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body).toBe(
      JSON.stringify({ payload: value, message: 'Success', is_error: false }),
    );
    expect(second.body).toBe(first.body);
    expect(payloadCalls).toBe(1);
  });
});
