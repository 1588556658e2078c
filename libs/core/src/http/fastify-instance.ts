import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * The Fastify instance under the app, for providers that add hooks in `onModuleInit`; undefined in
 * an application context without HTTP (the worker), where there is nothing to hook.
 */
export function fastifyOf(adapterHost: HttpAdapterHost): FastifyInstance | undefined {
  const adapter = adapterHost.httpAdapter;
  if (!adapter || adapter.getType() !== 'fastify') return undefined;
  return adapter.getInstance<FastifyInstance>();
}
