import { PipeTransform } from '@nestjs/common';

import { BadRequestError } from '../errors/app-exceptions';

export const MAX_BIGINT = 9223372036854775807n;
const DIGITS = /^[1-9][0-9]{0,18}$/;

/** True for a decimal string naming a positive SQL BIGINT. */
export function isBigIntId(value: unknown): value is string {
  return typeof value === 'string' && DIGITS.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Path ids: positive BIGINT as a decimal string, kept a string (JS numbers lose precision). */
export class ParseIdPipe implements PipeTransform<string, string> {
  private field = 'id';

  /** `@Param('workflow_id', ParseIdPipe.for('workflow_id'))` names the field in the error. */
  static for(field: string): ParseIdPipe {
    const pipe = new ParseIdPipe();
    pipe.field = field;
    return pipe;
  }

  transform(value: string): string {
    if (!isBigIntId(value)) {
      throw new BadRequestError('Validation failed', {
        details: [
          {
            field: this.field,
            message: `${this.field} must be a positive integer no larger than ${MAX_BIGINT}`,
            constraints: ['isBigIntId'],
          },
        ],
      });
    }
    return value;
  }
}
