import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const SWAGGER_PATH = 'docs';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Quorum API')
    .setDescription(
      [
        'Review workflows: templates with ordered steps, review requests that move through them, decisions, comments, audit.',
        '',
        'Every response is `{ payload, message, is_error }`. Errors carry `payload.error_code`, `payload.details` and `payload.request_id`.',
        'IDs are decimal strings; times are ISO-8601 UTC; fields are snake_case.',
      ].join('\n'),
    )
    .setVersion('1.0')
    .setLicense('Proprietary', 'https://example.com/quorum/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Swagger UI at /docs, the document at /docs-json. */
export function setupSwagger(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(SWAGGER_PATH, app, document, {
    jsonDocumentUrl: `${SWAGGER_PATH}-json`,
    customSiteTitle: 'Quorum API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
