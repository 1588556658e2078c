import type { HttpAdapterHost } from '@nestjs/core';
import Fastify, { FastifyInstance } from 'fastify';

import { RequestLogFields } from './request-log';
import { RequestLoggingHook } from './request-logging.hook';

/** The hook on a real Fastify instance, its lines captured. */
async function appWith(routes: (app: FastifyInstance) => void) {
  const fastify = Fastify();
  const lines: RequestLogFields[] = [];
  const host = {
    httpAdapter: { getType: () => 'fastify', getInstance: () => fastify },
  } as unknown as HttpAdapterHost;
  new RequestLoggingHook(host, { write: (fields) => void lines.push(fields) }).onModuleInit();
  routes(fastify);
  await fastify.ready();
  return { fastify, lines };
}

describe('RequestLoggingHook', () => {
  it('writes one line per request: route template, path without the query, status', async () => {
    const { fastify, lines } = await appWith((app) => {
      app.get('/items/:id', async () => ({ ok: true }));
    });
    await fastify.inject({ method: 'GET', url: '/items/7?email=someone@example.com' });
    await fastify.inject({ method: 'GET', url: '/nowhere' });
    expect(lines).toEqual([
      expect.objectContaining({ route: '/items/:id', path: '/items/7', status: 200 }),
      expect.objectContaining({ route: undefined, path: '/nowhere', status: 404 }),
    ]);
    await fastify.close();
  });

  it('keeps a @QuietWhenOk() route out of the log while it answers below 400, not when it fails', async () => {
    const { fastify, lines } = await appWith((app) => {
      app.get<{ Querystring: { fail?: string } }>(
        '/probe',
        { config: { quietWhenOk: true } },
        async (request, reply) => {
          if (request.query.fail) return reply.code(503).send({ down: true });
          return { up: true };
        },
      );
    });
    await fastify.inject({ method: 'GET', url: '/probe' });
    await fastify.inject({ method: 'GET', url: '/probe?fail=1' });
    expect(lines).toEqual([expect.objectContaining({ route: '/probe', status: 503 })]);
    await fastify.close();
  });

  it('never logs the metrics scrape', async () => {
    const { fastify, lines } = await appWith((app) => {
      app.get('/metrics', async () => 'x 1');
    });
    await fastify.inject({ method: 'GET', url: '/metrics' });
    expect(lines).toEqual([]);
    await fastify.close();
  });
});
