import { describe, expect, it } from 'vitest';
import { createHealthHandler } from '#functions/health/health.ts';
import { httpEvent } from '../support/events.ts';

describe('GET /api/health', () => {
  it('answers 200 when the table answers', async () => {
    const handler = createHealthHandler({ probe: { ping: async () => {} } });
    const result = await handler(httpEvent('GET /api/health'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ status: 'ok', checks: { table: 'ok' } });
    expect(result.headers?.['cache-control']).toBe('no-store');
  });

  it('answers 503 when the table does not', async () => {
    const handler = createHealthHandler({
      probe: {
        ping: async () => {
          throw new Error('connection refused');
        },
      },
    });
    const result = await handler(httpEvent('GET /api/health'));
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body ?? '')).toEqual({ status: 'unavailable', checks: { table: 'unavailable' } });
  });
});
