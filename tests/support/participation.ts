import type { HttpEvent } from '#functions/commons/http.ts';
import { signParticipantId } from '#functions/commons/participant-cookie.ts';
import type { PipelineDeps } from '#functions/participation/pipeline.ts';
import { noRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { httpEvent } from './events.ts';

export const SITE_ORIGIN = 'http://localhost:8080';
export const TEST_SECRET = Buffer.from('test-secret-of-at-least-32-characters-0123456789');

/** Pipeline settings for tests: fixed clock, fixed secret, no rate limits, the local site origin. */
export function testPipeline(now: Date, overrides: Partial<PipelineDeps> = {}): PipelineDeps {
  return {
    clock: () => now,
    cookieSecret: async () => TEST_SECRET,
    rateLimiter: noRateLimiter,
    rateLimits: { perParticipantPerMinute: 30, perIpPerMinute: 120 },
    allowedOrigins: [SITE_ORIGIN],
    secureCookies: false,
    ...overrides,
  };
}

/** A participation request as the site's browser code sends it: same origin, JSON, with the participant cookie. */
export function participantRequest(
  routeKey: string,
  {
    participantId,
    body,
    pathParameters,
    headers = {},
  }: {
    participantId?: string;
    body?: unknown;
    pathParameters?: Record<string, string>;
    headers?: Record<string, string>;
  },
): HttpEvent {
  const event = httpEvent(routeKey, {
    ...(pathParameters ? { pathParameters } : {}),
    headers: { origin: SITE_ORIGIN, 'content-type': 'application/json', ...headers },
  });
  return {
    ...event,
    ...(participantId ? { cookies: [`konsulto_participant=${signParticipantId(participantId, TEST_SECRET)}`] } : {}),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}
