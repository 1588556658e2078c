import compress from '@fastify/compress';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { HelmetOptions } from 'helmet';

import { AppConfig } from '@app/core';

export const COMPRESSION_THRESHOLD_BYTES = 1024;

export function helmetOptions(config: AppConfig): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers helmet sets, computed once. They depend on the configuration only (no nonces), so
 * running helmet's middleware once against a recording response gives exactly what it would set
 * on every request; @fastify/helmet rebuilt them (CSP parsing included) per request.
 */
export function securityHeaders(config: AppConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: Error | undefined;
  helmet(helmetOptions(config))(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) failure = error instanceof Error ? error : new Error('helmet refused its options');
    },
  );
  if (failure) throw failure;
  return headers;
}

/**
 * Security headers (standard §11.3), CORS for exact origins only, gzip above 1 KB (§10.3).
 * The CSP allows what Swagger UI needs (its own scripts, inline styles, data: images) and nothing
 * from elsewhere; `upgrade-insecure-requests` is only sent in production, where HTTPS is assured.
 */
export async function applyHttpHardening(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const headers = securityHeaders(config);
  // Set on every response, errors and 404s included: onRequest runs before anything can fail.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });

  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ],
    credentials: true,
    maxAge: 600,
  });

  await app.register(compress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['gzip', 'deflate'],
  });
}
