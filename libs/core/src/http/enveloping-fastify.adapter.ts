import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

import { DEFAULT_SUCCESS_MESSAGE, successEnvelope } from './envelope';
import type { EnvelopeRouteConfig } from './response-message.decorator';
import { routeOf } from './route-of';

/**
 * Wraps every successful controller result in `{ payload, message, is_error: false }` where Nest
 * hands it to Fastify. This is the one place all handler results pass; an interceptor did the same
 * at the price of an rxjs pipeline and async-context bindings per request (issue 8). Errors never
 * come this way wrapped twice: the global filter writes its envelope itself, and a status ≥ 400
 * passes untouched. Streams, files and buffers, and routes marked @RawResponse(), pass as they are.
 */
export class EnvelopingFastifyAdapter extends FastifyAdapter {
  override reply(
    response: Parameters<FastifyAdapter['reply']>[0],
    body: unknown,
    statusCode?: number,
  ): ReturnType<FastifyAdapter['reply']> {
    return super.reply(response, this.envelope(response, body, statusCode), statusCode);
  }

  private envelope(response: object, body: unknown, statusCode?: number): unknown {
    if ((statusCode ?? 200) >= 400) return body;
    if (body instanceof StreamableFile || Buffer.isBuffer(body)) return body;
    const request = (response as Partial<FastifyReply>).request;
    const config = request
      ? (routeOf(request).config as EnvelopeRouteConfig | undefined)
      : undefined;
    if (config?.rawResponse) return body;
    return successEnvelope(body ?? null, config?.responseMessage ?? DEFAULT_SUCCESS_MESSAGE);
  }
}
