/** The liveness route as Fastify knows it (global prefix and URI version included). */
export const LIVENESS_ROUTE = '/api/v1/health';
