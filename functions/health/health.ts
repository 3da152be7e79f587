import type { HealthProbe } from '#shared/ports.ts';
import type { Health } from '#shared/schemas/api.ts';
import { createHttpHandler, type HttpHandler } from '../commons/http.ts';
import { logger } from '../commons/logger.ts';

export type HealthDeps = { probe: HealthProbe };

/** `GET /api/health`: 200 when the table answers, 503 otherwise (for load balancers and uptime checks). */
export function createHealthHandler({ probe }: HealthDeps): HttpHandler {
  return createHttpHandler({
    'GET /api/health': async () => {
      try {
        await probe.ping();
        return { body: { status: 'ok', checks: { table: 'ok' } } satisfies Health };
      } catch (error) {
        logger.warn('health check failed', { error: error instanceof Error ? error.name : 'unknown' });
        return { status: 503, body: { status: 'unavailable', checks: { table: 'unavailable' } } satisfies Health };
      }
    },
  });
}
