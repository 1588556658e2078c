import compress from '@fastify/compress';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { HelmetOptions } from 'helmet';

import { AppConfig } from '@app/core';

import { LIVENESS_ROUTE } from '../modules/health/liveness-route';
import { SWAGGER_PATH } from './swagger';

export const COMPRESSION_THRESHOLD_BYTES = 1024;

const STRICT_TRANSPORT_SECURITY = { maxAge: 31_536_000, includeSubDomains: true };

/**
 * Swagger UI's pages and assets under /docs, the only documents Quorum serves: helmet's whole set.
 * The CSP allows what Swagger UI needs (its own scripts, inline styles, data: images) and nothing
 * from elsewhere; `upgrade-insecure-requests` only in production, where HTTPS is assured.
 */
export function documentHelmetOptions(config: AppConfig): HelmetOptions {
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
    strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * Every other response (JSON, errors, 404s): the headers that protect a response that is not a
 * document (OWASP REST Security Cheat Sheet, "Security Headers"; decision 037). A CSP that allows
 * nothing and no framing, no framing for old browsers, no MIME sniffing, HTTPS only, no
 * cross-origin no-cors reads, no Referer. Helmet's document-only headers are left out: they govern
 * what a loaded HTML page may do (COOP, Origin-Agent-Cluster, DNS prefetch of its links, IE8's
 * download dialog, Flash and Acrobat policy files, the retired XSS auditor) and a JSON body never
 * becomes one; each header costs every response a few microseconds in Node's header writing.
 */
export function apiHelmetOptions(): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  };
}

/**
 * The headers helmet sets for these options, computed once. They depend on the configuration only
 * (no nonces), so running helmet's middleware once against a recording response gives exactly what
 * it would set on every request; @fastify/helmet rebuilt them (CSP parsing included) per request.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
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
  helmet(options)(
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
 * Whether a request URL is one of Swagger UI's (`/docs`, `/docs/…`, `/docs-json`, with or without
 * a query). A miss in either direction fails safe: a page sent the API's headers does not render
 * (its CSP allows no script), an API response sent the page's headers only carries more headers.
 */
export function isDocumentUrl(url: string, documentPath: string): boolean {
  if (!url.startsWith(documentPath)) return false;
  const next = url.charCodeAt(documentPath.length);
  // end of URL, '/', '?' or '-' (the document at /docs-json)
  return Number.isNaN(next) || next === 47 || next === 63 || next === 45;
}

/**
 * Security headers (standard §11.3): the API's set on every response, Swagger UI's pages and
 * assets the document set (see above). CORS for exact origins only, gzip above 1 KB (§10.3).
 */
export async function applyHttpHardening(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const apiHeaders = securityHeaders(apiHelmetOptions());
  const documentHeaders = securityHeaders(documentHelmetOptions(config));
  const documentPath = config.SWAGGER_ENABLED ? `/${SWAGGER_PATH}` : undefined;
  // Set on every response, errors and 404s included: onRequest runs before anything can fail.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const document = documentPath !== undefined && isDocumentUrl(request.url, documentPath);
      void reply.headers(document ? documentHeaders : apiHeaders);
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

  // Liveness always answers well under the threshold: its route skips compression's hooks, which
  // were a twentieth of a probe (decision 037). Added before compression so that it sees the option.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (route.url === LIVENESS_ROUTE) route.compress = false;
    });
  await app.register(compress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['gzip', 'deflate'],
  });
}
