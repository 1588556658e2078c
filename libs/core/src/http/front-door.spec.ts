import { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FrontDoor } from './front-door';

const FASTIFY_DEFAULTS = {
  keepAliveTimeout: 72_000,
  requestTimeout: 0,
  connectionTimeout: 0,
  maxRequestsPerSocket: 0,
};

describe('FrontDoor', () => {
  const servers: Server[] = [];
  const handled: string[] = [];

  /** Fastify's part, as the factory sees it: a request handler. */
  function fastifyHandler(request: IncomingMessage, response: ServerResponse): void {
    handled.push(request.url ?? '');
    response.end('from fastify');
  }

  async function listen(door: FrontDoor): Promise<string> {
    const server = door.serverFactory(fastifyHandler, { ...FASTIFY_DEFAULTS });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  afterEach(async () => {
    handled.length = 0;
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  });

  it('hands every request to Fastify until a responder is opened', async () => {
    const base = await listen(new FrontDoor());
    expect(await (await fetch(`${base}/a`)).text()).toBe('from fastify');
    expect(handled).toEqual(['/a']);
  });

  it('lets the responder answer, and passes on what it declines', async () => {
    const door = new FrontDoor();
    const base = await listen(door);
    door.open((request, response) => {
      if (request.url !== '/probe') return false;
      response.end('from the door');
      return true;
    });
    expect(await (await fetch(`${base}/probe`)).text()).toBe('from the door');
    expect(await (await fetch(`${base}/other`)).text()).toBe('from fastify');
    expect(handled).toEqual(['/other']);
  });

  it('takes one responder only', () => {
    const door = new FrontDoor();
    door.open(() => false);
    expect(() => door.open(() => false)).toThrow('has a responder already');
  });

  it("gives the server Fastify's timeouts", () => {
    const server = new FrontDoor().serverFactory(fastifyHandler, {
      keepAliveTimeout: 5_000,
      requestTimeout: 30_000,
      connectionTimeout: 40_000,
      maxRequestsPerSocket: 100,
    });
    expect(server.keepAliveTimeout).toBe(5_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.timeout).toBe(40_000);
    expect(server.maxRequestsPerSocket).toBe(100);
  });

  it('refuses TLS and HTTP/2 rather than serving plain HTTP/1 in their place', () => {
    const door = new FrontDoor();
    expect(() => door.serverFactory(fastifyHandler, { https: {} })).toThrow('plain HTTP/1 only');
    expect(() => door.serverFactory(fastifyHandler, { http2: true })).toThrow('plain HTTP/1 only');
  });

  it('finds the door of a server it made, and none for another server', () => {
    const door = new FrontDoor();
    const server = door.serverFactory(fastifyHandler, { ...FASTIFY_DEFAULTS });
    expect(FrontDoor.of(server)).toBe(door);
    expect(FrontDoor.of(new Server())).toBeUndefined();
    expect(FrontDoor.of(undefined)).toBeUndefined();
  });
});
