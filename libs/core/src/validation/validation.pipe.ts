import { ValidationError, ValidationPipe } from '@nestjs/common';

import { BadRequestError, ErrorDetail } from '../errors/app-exceptions';

/** Flattens nested class-validator errors into `{ field: 'steps[0].name', message }` entries. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const constraints = error.constraints ?? {};
    const names = Object.keys(constraints);
    if (names.length > 0) {
      details.push({
        field,
        message: names.map((n) => constraints[n]).join('; '),
        constraints: names,
      });
    }
    if (error.children?.length) details.push(...toErrorDetails(error.children, field));
  }
  return details;
}

/**
 * The global pipe (standard §11.1): unknown fields are refused, known ones transformed to their
 * declared types, and every failing field is listed in the 400's `details`.
 * Values are never echoed back, so a rejected password does not travel into logs or responses.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestError('Validation failed', { details: toErrorDetails(errors) }),
  });
}
