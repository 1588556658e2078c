import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

import type { FastifyServerFactory } from 'fastify';

/**
 * Answers a request itself and returns true, or returns false and leaves it, untouched, to
 * Fastify. It runs for every request, so deciding must cost next to nothing.
 */
export type FrontDoorResponder = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Fastify's server options the factory carries over (Fastify sets their defaults first). */
interface ServerOptions {
  http?: object;
  https?: unknown;
  http2?: unknown;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

const doorOfServer = new WeakMap<Server, FrontDoor>();

/**
 * The Node HTTP server in front of Fastify, with one slot for a responder that sees each request
 * before Fastify does (decision 038: the liveness probe). Until a responder is opened, and for
 * every request it declines, the server hands the request to Fastify as Fastify's own would.
 * Given to Fastify as `serverFactory`; the server gets the timeouts Fastify gives its own.
 */
export class FrontDoor {
  private responder: FrontDoorResponder | undefined;

  /** Fastify's `serverFactory` option. HTTP/1 without TLS only (TLS ends at the load balancer). */
  readonly serverFactory: FastifyServerFactory<Server> = (handler, factoryOptions) => {
    const options = factoryOptions as ServerOptions;
    if (options.https || options.http2) {
      throw new Error('The front door serves plain HTTP/1 only: set neither https nor http2');
    }
    const server = createServer(options.http ?? {}, (request, response) => {
      const responder = this.responder;
      if (responder === undefined || !responder(request, response)) handler(request, response);
    });
    // What Fastify does for a server it creates itself (fastify/lib/server.js).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    }
    doorOfServer.set(server, this);
    return server;
  };

  /** The front door of a server this class made, if it is one. */
  static of(server: unknown): FrontDoor | undefined {
    return server instanceof Server ? doorOfServer.get(server as Server) : undefined;
  }

  /** Installs the responder; one per door, so that no two parts of the app race for a request. */
  open(responder: FrontDoorResponder): void {
    if (this.responder !== undefined) throw new Error('The front door has a responder already');
    this.responder = responder;
  }
}
