import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

import { DEFAULT_SUCCESS_MESSAGE, JSON_CONTENT_TYPE, successEnvelope } from './envelope';
import type { EnvelopeRouteConfig } from './response-message.decorator';
import { routeOf } from './route-of';

/**
 * Wraps every successful controller result in `{ payload, message, is_error: false }` where Nest
 * hands it to Fastify. This is the one place all handler results pass; an interceptor did the same
 * at the price of an rxjs pipeline and async-context bindings per request (issue 8). Errors never
 * come this way wrapped twice: the global filter writes its envelope itself, and a status ≥ 400
 * passes untouched. Streams, files and buffers, and routes marked @RawResponse(), pass as they are.
 * A frozen result (a value of the in-process cache tier) is sent as text built around its JSON,
 * computed once per value: serialising the same cached workflow on every hit was 3 % of the read.
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
    const message = config?.responseMessage ?? DEFAULT_SUCCESS_MESSAGE;
    if (typeof body === 'object' && body !== null && Object.isFrozen(body)) {
      // A frozen value (the in-process cache tier's) cannot change: its JSON is computed once.
      const reply = response as FastifyReply;
      if (reply.getHeader('content-type') === undefined) {
        void reply.header('content-type', JSON_CONTENT_TYPE);
      }
      return `{"payload":${jsonOf(body)},"message":${JSON.stringify(message)},"is_error":false}`;
    }
    return successEnvelope(body ?? null, message);
  }
}

/** The JSON of frozen values, by identity; an entry goes with its value. */
const frozenJson = new WeakMap<object, string>();

function jsonOf(value: object): string {
  let json = frozenJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    frozenJson.set(value, json);
  }
  return json;
}
