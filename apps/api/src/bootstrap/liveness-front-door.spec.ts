import { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { FrontDoor } from '@app/core';

import { HealthService } from '../modules/health/health.service';
import { apiHelmetOptions, securityHeaders } from './http-hardening';
import { isFrontDoorLivenessProbe, openLivenessFrontDoor } from './liveness-front-door';
import { shutdownState } from './shutdown-state';

function request(
  method: string,
  url: string,
  headers: IncomingMessage['headers'] = {},
): IncomingMessage {
  return { method, url, headers } as IncomingMessage;
}

describe('isFrontDoorLivenessProbe', () => {
  it('takes a plain GET of the liveness route', () => {
    expect(isFrontDoorLivenessProbe(request('GET', '/api/v1/health'), false)).toBe(true);
  });

  it.each([
    ['a HEAD', request('HEAD', '/api/v1/health'), false],
    ['a query string', request('GET', '/api/v1/health?verbose=1'), false],
    ['the readiness route', request('GET', '/api/v1/health/detailed'), false],
    ['a trailing slash', request('GET', '/api/v1/health/'), false],
    ['a cross-origin request', request('GET', '/api/v1/health', { origin: 'https://a.b' }), false],
    ['any request once shutdown began', request('GET', '/api/v1/health'), true],
  ])('leaves %s to Fastify', (_case, probe, closing) => {
    expect(isFrontDoorLivenessProbe(probe, closing)).toBe(false);
  });
});

describe('openLivenessFrontDoor', () => {
  let server: Server;
  let base: string;
  const toFastify: string[] = [];
  const observed: unknown[][] = [];

  beforeAll(async () => {
    const door = new FrontDoor();
    server = door.serverFactory(
      (req: IncomingMessage, res: ServerResponse) => {
        toFastify.push(`${req.method} ${req.url}`);
        res.end('fastify');
      },
      { keepAliveTimeout: 72_000 },
    );
    const health = { liveness: () => ({ status: 'ok', uptime_s: 12.3 }) };
    const metrics = { observeHttp: (...args: unknown[]) => observed.push(args) };
    const app = {
      getHttpServer: () => server,
      get: (token: unknown) => (token === HealthService ? health : metrics), // MetricsService
    } as unknown as NestFastifyApplication;
    openLivenessFrontDoor(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    shutdownState.closing = false;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    toFastify.length = 0;
    observed.length = 0;
  });

  it("answers the probe itself with the route's envelope, request id and security headers", async () => {
    const res = await fetch(`${base}/api/v1/health`, {
      headers: { 'x-request-id': 'probe-request-0001' },
    });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      payload: { status: 'ok', uptime_s: 12.3 },
      message: 'Success',
      is_error: false,
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.get('x-request-id')).toBe('probe-request-0001');
    for (const [name, value] of Object.entries(securityHeaders(apiHelmetOptions()))) {
      expect(res.headers.get(name)).toBe(value);
    }
    expect(toFastify).toEqual([]);
    expect(observed).toEqual([['GET', '/api/v1/health', 200, expect.any(Number)]]);
  });

  it('gives a fresh request id when the caller sends none or an unsafe one', async () => {
    const res = await fetch(`${base}/api/v1/health`, { headers: { 'x-request-id': 'a b' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes every other request to Fastify untouched', async () => {
    expect(await (await fetch(`${base}/api/v1/health?x=1`)).text()).toBe('fastify');
    expect((await fetch(`${base}/api/v1/health`, { method: 'HEAD' })).status).toBe(200);
    expect(toFastify).toEqual(['GET /api/v1/health?x=1', 'HEAD /api/v1/health']);
    expect(observed).toEqual([]);
  });

  it('passes probes to Fastify once shutdown began (it answers 503 and closes)', async () => {
    shutdownState.closing = true;
    try {
      expect(await (await fetch(`${base}/api/v1/health`)).text()).toBe('fastify');
    } finally {
      shutdownState.closing = false;
    }
    expect(toFastify).toEqual(['GET /api/v1/health']);
  });

  it('leaves an app whose server is not a front door as it is', () => {
    const get = jest.fn();
    const app = { getHttpServer: () => new Server(), get } as unknown as NestFastifyApplication;
    openLivenessFrontDoor(app);
    expect(get).not.toHaveBeenCalled();
  });
});
