import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { AppConfig, UnauthorizedError } from '@app/core';
import { isAuthorizedScrape } from '@app/observability';

/** When METRICS_TOKEN is set, a scrape must send `Authorization: Bearer <METRICS_TOKEN>`. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (isAuthorizedScrape(request.headers.authorization, this.config.METRICS_TOKEN)) return true;
    throw new UnauthorizedError('A valid metrics token is required');
  }
}
