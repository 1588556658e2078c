import { IncomingMessage, ServerResponse } from 'node:http';

import { Injectable, NestMiddleware } from '@nestjs/common';

import { RequestContext } from './request-context';
import { requestIdFrom } from './request-id';

/** Opens the request's context (request id, later the user) for everything the request runs. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage & { id?: string }, _res: ServerResponse, next: () => void): void {
    RequestContext.run({ requestId: req.id ?? requestIdFrom(req.headers) }, next);
  }
}
