import { HttpStatus } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ErrorEnvelopeDto, errorResponseObject } from '@app/core';

export const SWAGGER_PATH = 'docs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Every route can fail unexpectedly, and the global exception filter then answers 500 in the error
 * envelope; say so once here instead of on every handler.
 */
function documentInternalErrors(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && !operation.responses[HttpStatus.INTERNAL_SERVER_ERROR]) {
        operation.responses[HttpStatus.INTERNAL_SERVER_ERROR] = errorResponseObject(
          HttpStatus.INTERNAL_SERVER_ERROR,
        );
      }
    }
  }
}

/** Paths the rate limiter never counts (@SkipRateLimit): probes must not see 429. */
const NOT_RATE_LIMITED = /^\/api\/v1\/health(\/|$)/;

const RATE_LIMIT_HEADERS = {
  'Retry-After': { description: 'Seconds until a retry can succeed', schema: { type: 'integer' } },
  'X-RateLimit-Limit': {
    description: 'Requests allowed in the window (per user, or per IP when anonymous)',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the window',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the window restarts',
    schema: { type: 'integer' },
  },
};

/**
 * Every route but the health probes is rate limited (libs/rate-limit): 429 in the error envelope
 * with Retry-After. Documented once here rather than on every handler.
 */
function documentRateLimits(document: OpenAPIObject): void {
  for (const [path, pathItem] of Object.entries(document.paths)) {
    if (NOT_RATE_LIMITED.test(path)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && !operation.responses[HttpStatus.TOO_MANY_REQUESTS]) {
        operation.responses[HttpStatus.TOO_MANY_REQUESTS] = {
          ...errorResponseObject(HttpStatus.TOO_MANY_REQUESTS),
          headers: RATE_LIMIT_HEADERS,
        };
      }
    }
  }
}

/** A tag used by an operation but not declared above (e.g. a freshly generated feature) is declared by name. */
function declareOperationTags(document: OpenAPIObject): void {
  const declared = new Set((document.tags ?? []).map((t) => t.name));
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      for (const tag of pathItem[method]?.tags ?? []) {
        if (declared.has(tag)) continue;
        declared.add(tag);
        (document.tags ??= []).push({ name: tag, description: `The ${tag} resource` });
      }
    }
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Quorum API')
    .setDescription(
      [
        'Review workflows: templates with ordered steps, review requests that move through them, decisions, comments, audit.',
        '',
        'Every response is `{ payload, message, is_error }`. Errors carry `payload.error_code`, `payload.details` and `payload.request_id`.',
        'IDs are decimal strings; times are ISO-8601 UTC; fields are snake_case.',
        'Rate limits: every limited response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`; over the limit the answer is 429 with `Retry-After`.',
      ].join('\n'),
    )
    .setVersion('1.0')
    .setLicense('Proprietary', 'https://example.com/quorum/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    // Authorize with a demo user's email and password (README, "Demo users").
    .addOAuth2(
      {
        type: 'oauth2',
        description: 'Email as username. POST /api/v1/auth/token, form-encoded.',
        flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } },
      },
      'oauth2',
    )
    // Operation tags must be declared globally (Spectral's operation-tag-defined); one per module.
    .addTag('health', 'Liveness and readiness of the API and its dependencies')
    .addTag('tags', 'Labels that review requests carry')
    .addTag('auth', 'Sign-up, sign-in, token refresh and sign-out, password reset')
    .addTag('users', 'Your profile and password; user management for admins')
    .addTag('reports', 'CSV exports of review requests, produced in the background')
    .addTag('workflows', 'Review templates: ordered steps, who decides, how many approvals')
    .addTag('review-requests', 'Work submitted for review: submit, decide, comment')
    .addTag('audit-logs', 'Who changed what, when, from which request (admin)')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorEnvelopeDto],
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  documentInternalErrors(document);
  documentRateLimits(document);
  declareOperationTags(document);
  return document;
}

/**
 * Swagger UI at /docs, the document at /docs-json. The document is built on the first request for
 * it, not at startup: walking every controller and DTO took a tenth of the cold start (issue 8),
 * and a process that never serves /docs never pays it. SwaggerModule keeps the built document.
 */
export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup(SWAGGER_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${SWAGGER_PATH}-json`,
    customSiteTitle: 'Quorum API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
