import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';

import { BadRequestError } from '../errors/app-exceptions';
import { ErrorCode } from '../errors/error-codes';
import { SortSpec, sortKey } from './sort';

/** The position after the last row of a page: its sort value and id (the tie-breaker). */
export interface CursorPosition {
  value: string | number;
  id: string;
}

interface CursorBody {
  v: 1;
  s: string; // the sort the cursor was made for
  k: string | number;
  i: string;
}

const invalid = (reason: string) =>
  new BadRequestError(`Invalid cursor: ${reason}; start again with an empty cursor`, {
    code: ErrorCode.INVALID_CURSOR,
    details: [{ field: 'cursor', message: reason, constraints: ['isValidCursor'] }],
  });

/**
 * Opaque, signed keyset cursors. The signature refuses forged or edited cursors; the sort they
 * were issued for is inside, so a cursor reused with another sort (stale) is refused too.
 */
export class CursorCodec {
  /** Imported once: an HMAC keyed by a string imports it on every call (~0.6–1 µs here). */
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  encode(sort: SortSpec, position: CursorPosition): string {
    const body: CursorBody = { v: 1, s: sortKey(sort), k: position.value, i: position.id };
    const data = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${data}.${this.sign(data)}`;
  }

  decode(cursor: string, sort: SortSpec): CursorPosition {
    const [data, signature, ...rest] = cursor.split('.');
    if (!data || !signature || rest.length > 0) throw invalid('malformed cursor');
    const expected = Buffer.from(this.sign(data));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalid('cursor signature does not match');
    }
    let body: CursorBody;
    try {
      body = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as CursorBody;
    } catch {
      throw invalid('malformed cursor');
    }
    if (body.v !== 1 || typeof body.i !== 'string') throw invalid('unsupported cursor version');
    if (body.s !== sortKey(sort))
      throw invalid(`cursor was issued for sort=${body.s}, not sort=${sortKey(sort)}`);
    return { value: body.k, id: body.i };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url').slice(0, 22);
  }
}
