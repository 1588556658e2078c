import { IncomingMessage } from 'node:http';

import { RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import {
  AppConfig,
  EnvelopingFastifyAdapter,
  FrontDoor,
  REQUEST_ID_HEADER,
  RequestContext,
  RequestContextStore,
  requestIdFrom,
} from '@app/core';
import { applyIdempotencyToPostRoutes } from '@app/idempotency';
import { PinoNestLogger } from '@app/observability';

import { AppModule, AppModuleOptions } from '../app.module';
import { applyHttpHardening } from './http-hardening';
import { openLivenessFrontDoor } from './liveness-front-door';
import { shutdownState } from './shutdown-state';
import { setupSwagger } from './swagger';

export const API_PREFIX = 'api';

function createAdapter(config: AppConfig): EnvelopingFastifyAdapter {
  const contexts = new WeakMap<object, RequestContextStore>();
  const adapter = new EnvelopingFastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // The request id: the caller's X-Request-Id when sane, else a UUID; logs and errors share it.
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers),
    requestIdHeader: false,
    return503OnClosing: true,
    // Node's server with a slot for answering liveness probes before Fastify (decision 038).
    serverFactory: new FrontDoor().serverFactory,
  });
  const fastify = adapter.getInstance();
  // A JSON API: plain-text bodies are refused with 415 rather than reaching validation as strings.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // The request's context (request id, later the user) for everything the request runs.
    const store: RequestContextStore = { requestId: request.id };
    contexts.set(request, store);
    RequestContext.run(store, done);
  });
  // Reading the body continues on the socket's events, outside the context opened above: enter
  // it again right before the handler (guards, interceptors, controller) runs.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const store = contexts.get(request);
    if (store) RequestContext.run(store, done);
    else done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    // While shutting down, finish in-flight requests but keep no connection open for another one.
    if (shutdownState.closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  return adapter;
}

/** Builds the whole HTTP application (used by main.ts and by the e2e tests alike). */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    createAdapter(config),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
  // The Prometheus scrape lives at /metrics, outside the versioned API.
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  await applyHttpHardening(app, config);
  applyIdempotencyToPostRoutes(app);
  if (config.SWAGGER_ENABLED) setupSwagger(app);
  await app.init();
  openLivenessFrontDoor(app);
  return app;
}
