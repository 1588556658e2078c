import { INestApplication, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Puts the IdempotencyInterceptor on every POST route of every controller, outermost, before the
 * router is built (call it before `app.init()`). A global interceptor would do the same but run
 * on every GET too, where Nest then builds an rxjs pipeline per request for nothing (issue 8).
 * Returns the number of routes it applied to.
 */
export function applyIdempotencyToPostRoutes(app: INestApplication): number {
  const interceptor = app.get(IdempotencyInterceptor);
  const scanner = new MetadataScanner();
  let routes = 0;
  for (const { metatype } of app.get(DiscoveryService).getControllers()) {
    if (!metatype) continue;
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      const existing = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
      if (existing.includes(interceptor)) continue;
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...existing], handler);
      routes++;
    }
  }
  return routes;
}
