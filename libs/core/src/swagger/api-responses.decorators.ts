import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, ResponseObject } from '@nestjs/swagger';

import { ErrorEnvelopeDto } from './error-envelope.dto';

const envelopeOf = (payload: Record<string, unknown>, message: string) => ({
  type: 'object',
  required: ['payload', 'message', 'is_error'],
  properties: {
    payload,
    message: { type: 'string', example: message },
    is_error: { type: 'boolean', example: false },
  },
});

interface EnvelopeOptions {
  status?: HttpStatus;
  description?: string;
  message?: string;
}

/** Documents a success response as the envelope around `model` (or `null` when model is null). */
export function ApiEnvelope(model: Type<unknown> | null, options: EnvelopeOptions = {}) {
  const status = options.status ?? HttpStatus.OK;
  const payload = model
    ? { $ref: getSchemaPath(model) }
    : { type: 'object', nullable: true, example: null };
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({
      status,
      description: options.description ?? 'Success',
      schema: envelopeOf(payload, options.message ?? 'Success'),
    }),
  );
}

/** Documents a list response: offset page or cursor page of `model`, inside the envelope. */
export function ApiPageEnvelope(model: Type<unknown>, options: EnvelopeOptions = {}) {
  const items = { type: 'array', items: { $ref: getSchemaPath(model) } };
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: options.status ?? HttpStatus.OK,
      description:
        options.description ??
        'A page of results: offset mode (`page`) returns totals; cursor mode (`cursor`) returns `next_cursor`.',
      schema: envelopeOf(
        {
          oneOf: [
            {
              title: 'OffsetPage',
              type: 'object',
              required: ['items', 'total', 'page', 'page_size', 'total_pages'],
              properties: {
                items,
                total: { type: 'integer', example: 42 },
                page: { type: 'integer', example: 1 },
                page_size: { type: 'integer', example: 10 },
                total_pages: { type: 'integer', example: 5 },
              },
            },
            {
              title: 'CursorPage',
              type: 'object',
              required: ['items', 'page_size', 'next_cursor'],
              properties: {
                items,
                page_size: { type: 'integer', example: 10 },
                next_cursor: {
                  type: 'string',
                  nullable: true,
                  example: 'eyJ2IjoxLCJzIjoibmFtZSJ9.c2lnbmF0dXJl',
                },
              },
            },
          ],
        },
        options.message ?? 'Success',
      ),
    }),
  );
}

const ERROR_DESCRIPTIONS: Partial<Record<HttpStatus, [string, string]>> = {
  [HttpStatus.BAD_REQUEST]: ['Invalid body, query or path parameter', 'VALIDATION_FAILED'],
  [HttpStatus.UNAUTHORIZED]: ['Missing or invalid access token', 'UNAUTHORIZED'],
  [HttpStatus.FORBIDDEN]: ['Signed in, but not allowed', 'FORBIDDEN'],
  [HttpStatus.NOT_FOUND]: ['No such resource', 'NOT_FOUND'],
  [HttpStatus.CONFLICT]: [
    'Conflicts with existing data (duplicate, reference, stale version)',
    'DUPLICATE',
  ],
  [HttpStatus.PAYLOAD_TOO_LARGE]: ['Body larger than the limit', 'PAYLOAD_TOO_LARGE'],
  [HttpStatus.TOO_MANY_REQUESTS]: ['Rate limit exceeded; see Retry-After', 'RATE_LIMITED'],
  [HttpStatus.SERVICE_UNAVAILABLE]: [
    'A dependency is unavailable; see Retry-After',
    'SERVICE_UNAVAILABLE',
  ],
  [HttpStatus.INTERNAL_SERVER_ERROR]: [
    'Unexpected error; nothing internal is shown',
    'INTERNAL_ERROR',
  ],
};

/**
 * The OpenAPI response object for an error status: the error envelope with an example code.
 * The document must include ErrorEnvelopeDto (ApiErrors adds it; swagger.ts adds it as an extra model).
 */
export function errorResponseObject(status: HttpStatus): ResponseObject {
  const [description, code] = ERROR_DESCRIPTIONS[status] ?? ['Error', `HTTP_${status}`];
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
        example: {
          payload: { error_code: code, request_id: '3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1b3c' },
          message: description,
          is_error: true,
        },
      },
    },
  };
}

/** Documents error responses, each as the error envelope with an example code. */
export function ApiErrors(...statuses: HttpStatus[]) {
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...statuses.map((status) => ApiResponse({ status, ...errorResponseObject(status) })),
  );
}
