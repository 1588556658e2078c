import { IncomingMessage } from 'node:http';

import { RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { AppConfig, REQUEST_ID_HEADER, requestIdFrom } from '@app/core';
import type { RawRequestWithContext } from '@app/observability';

import { AppModule, AppModuleOptions } from '../app.module';
import { applyHttpHardening } from './http-hardening';
import { shutdownState } from './shutdown-state';
import { setupSwagger } from './swagger';

export const API_PREFIX = 'api';

function createAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // The request id: the caller's X-Request-Id when sane, else a UUID; logs and errors share it.
    genReqId: (req: IncomingMessage) => {
      const id = requestIdFrom(req.headers);
      req.id = id; // pino-http and the context middleware read it from the raw request
      return id;
    },
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  // A JSON API: plain-text bodies are refused with 415 rather than reaching validation as strings.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    // The route template (not the raw URL) is what logs and metrics group by.
    (request.raw as RawRequestWithContext).routeTemplate = request.routeOptions.url;
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
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
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // The Prometheus scrape lives at /metrics, outside the versioned API.
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  await applyHttpHardening(app, config);
  if (config.SWAGGER_ENABLED) setupSwagger(app);
  await app.init();
  return app;
}
