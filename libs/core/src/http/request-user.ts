import type { FastifyRequest } from 'fastify';

/**
 * The signed-in caller's id, kept on the raw request by the auth guard for what runs after the
 * request context is gone (the request log line in onResponse, error reports).
 */
export function setRequestUserId(request: FastifyRequest, userId: string): void {
  (request.raw as { userId?: string }).userId = userId;
}

export function requestUserIdOf(request: FastifyRequest): string | undefined {
  return (request.raw as { userId?: string }).userId;
}
