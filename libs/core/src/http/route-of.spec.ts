import type { FastifyRequest } from 'fastify';

import { routeOf } from './route-of';

describe('routeOf', () => {
  it("reads Fastify's routeOptions once per request and keeps url and config", () => {
    let reads = 0;
    const config = { responseMessage: 'Tag created' };
    const request = {
      get routeOptions() {
        reads++;
        return { url: '/api/v1/tags/:id', config, method: 'GET' };
      },
    } as unknown as FastifyRequest;
    expect(routeOf(request)).toEqual({ url: '/api/v1/tags/:id', config });
    expect(routeOf(request).url).toBe('/api/v1/tags/:id');
    expect(reads).toBe(1);
  });

  it('has no url when no route matched', () => {
    const request = { routeOptions: { url: undefined, config: {} } } as unknown as FastifyRequest;
    expect(routeOf(request).url).toBeUndefined();
  });
});
