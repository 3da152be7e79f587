import { parseIdempotencyKey } from '#shared/idempotency.ts';
import type { Clock } from '#shared/ports.ts';
import type { Language } from '#shared/schemas/common.ts';
import {
  type ActionResult,
  createHttpHandler,
  type HttpEvent,
  type HttpHandler,
  languageOf,
  type RouteAction,
} from '../commons/http.ts';
import { hashIp, identifyParticipant, participantCookie } from '../commons/participant-cookie.ts';
import { allowedOriginsFromEnv, assertSameOrigin } from '../commons/write-guard.ts';
import {
  noRateLimiter,
  type RateLimiter,
  type RateLimitSettings,
  rateLimitSettingsFromEnv,
} from '../repositories/rate-limiter.ts';

/** What every participation action knows about its request. */
export type ParticipationContext = {
  participantId: string;
  /** True when the request carried no valid participant cookie: the response will set one. */
  isNewParticipant: boolean;
  now: Date;
  language: Language;
};

export type ParticipationAction = (event: HttpEvent, context: ParticipationContext) => Promise<ActionResult>;

export type PipelineDeps = {
  clock: Clock;
  cookieSecret: () => Promise<Buffer>;
  rateLimiter: RateLimiter;
  rateLimits: RateLimitSettings;
  allowedOrigins: readonly string[];
  /** Secure cookies everywhere but on http://localhost. */
  secureCookies: boolean;
};

const WINDOW_SECONDS = 60;

/**
 * The participation pipeline around each action: same-origin check and rate limits for writes, the participant from
 * the signed cookie (a new one when absent or tampered), and the cookie set on the response of a write.
 * Reads (GET) never create an identity.
 */
export function createParticipationHandler(
  deps: PipelineDeps,
  actions: Record<string, ParticipationAction>,
): HttpHandler {
  const wrapped: Record<string, RouteAction> = {};
  for (const [routeKey, action] of Object.entries(actions)) {
    const isWrite = !routeKey.startsWith('GET ');
    wrapped[routeKey] = async (event) => {
      if (isWrite) assertSameOrigin(event, deps.allowedOrigins);
      const secret = await deps.cookieSecret();
      const identity = identifyParticipant(
        event.cookies,
        secret,
        isWrite ? parseIdempotencyKey(event.headers?.['idempotency-key']) : undefined,
      );
      const now = deps.clock();
      if (isWrite) {
        await deps.rateLimiter.consume(
          [
            {
              scope: 'participant',
              subject: identity.participantId,
              limit: deps.rateLimits.perParticipantPerMinute,
              windowSeconds: WINDOW_SECONDS,
            },
            {
              scope: 'ip',
              subject: hashIp(event.requestContext?.http?.sourceIp ?? 'unknown', secret),
              limit: deps.rateLimits.perIpPerMinute,
              windowSeconds: WINDOW_SECONDS,
            },
          ],
          now,
        );
      }
      const result = await action(event, {
        participantId: identity.participantId,
        isNewParticipant: identity.isNew,
        now,
        language: languageOf(event),
      });
      const cookies =
        result.cookies ??
        (isWrite && identity.isNew
          ? [participantCookie(identity.participantId, secret, { secure: deps.secureCookies })]
          : []);
      return { ...result, ...(cookies.length ? { cookies } : {}) };
    };
  }
  return createHttpHandler(wrapped);
}

/** Production settings of the pipeline, from the function's environment. */
export function pipelineDepsFromEnv(cookieSecret: () => Promise<Buffer>, rateLimiter: RateLimiter): PipelineDeps {
  return {
    clock: () => new Date(),
    cookieSecret,
    rateLimiter: rateLimitsDisabled() ? noRateLimiter : rateLimiter,
    rateLimits: rateLimitSettingsFromEnv(),
    allowedOrigins: allowedOriginsFromEnv(),
    secureCookies: process.env.KONSULTO_INSECURE_COOKIES !== 'true' || isLambda(),
  };
}

function isLambda(): boolean {
  return process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
}

/** Only the local runtime may switch the limits off (load tests); in Lambda the setting is ignored. */
function rateLimitsDisabled(): boolean {
  return process.env.KONSULTO_RATE_LIMITS === 'off' && !isLambda();
}
