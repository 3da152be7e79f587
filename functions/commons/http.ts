import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFoundError } from '#shared/errors.ts';
import type { Language } from '#shared/schemas/common.ts';
import { logger, withCorrelationId } from './logger.ts';
import { assertThroughCloudFront, type OriginSecret, originSecretFromEnv } from './origin-secret.ts';
import { toProblem } from './problem.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: HttpEvent) => Promise<HttpResult>;

/** A route's work: returns the body and, optionally, status and cache policy; throws domain errors. */
export type ActionResult = {
  body: unknown;
  status?: number;
  /** Seconds a CDN may cache a public read; absent means `no-store`. */
  cacheSeconds?: number;
  cookies?: string[];
  /** Further response headers (e.g. `location` of a redirect). */
  headers?: Record<string, string>;
  /**
   * A file instead of JSON (the local attachment download): sent base64-encoded with these headers; `body` is
   * ignored. Never cached.
   */
  file?: { bytes: Uint8Array; headers: Record<string, string> };
};
export type RouteAction = (event: HttpEvent) => Promise<ActionResult>;

/** The page language: `?lang=en|sq`, else the first supported Accept-Language, else Albanian. */
export function languageOf(event: HttpEvent): Language {
  const query = event.queryStringParameters?.lang;
  if (query === 'en' || query === 'sq') return query;
  const accept = event.headers?.['accept-language'] ?? '';
  for (const part of accept.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'sq' || tag === 'en') return tag;
  }
  return 'sq';
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers },
    body: JSON.stringify(body),
  };
}

/** Public reads may be cached briefly by CloudFront so a burst of readers does not reach DynamoDB per request. */
function cacheHeaders(cacheSeconds: number | undefined): Record<string, string> {
  return cacheSeconds
    ? { 'cache-control': `public, max-age=0, s-maxage=${cacheSeconds}, stale-while-revalidate=${cacheSeconds}` }
    : { 'cache-control': 'no-store' };
}

/** The response header that carries the request's correlation id back to the client. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** An incoming correlation id is kept only when it is a UUID or a ULID: nothing a person could write into a log. */
const WELL_FORMED_CORRELATION_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-7][0-9A-HJKMNP-TV-Z]{25})$/i;

/** The client's well-formed `x-correlation-id`, else API Gateway's request id, else a new UUID. */
export function correlationIdOf(event: HttpEvent): string {
  const incoming = event.headers?.[CORRELATION_ID_HEADER];
  if (incoming && WELL_FORMED_CORRELATION_ID.test(incoming)) return incoming;
  return event.requestContext?.requestId || randomUUID();
}

export type HttpHandlerOptions = {
  /** The origin secret CloudFront sends (functions/commons/origin-secret.ts); default from the environment. */
  originSecret?: OriginSecret | undefined;
};

/**
 * Turns a table of route actions (keyed by API Gateway route key, e.g. `GET /api/consultations/{consultationId}`)
 * into one Lambda handler: requests that did not come through CloudFront are refused (403), errors become
 * problem+json, each request is logged with its route, status and duration, and every log line of the request and
 * the response carry its correlation id.
 */
export function createHttpHandler(
  actions: Record<string, RouteAction>,
  options: HttpHandlerOptions = { originSecret: originSecretFromEnv() },
): HttpHandler {
  const { originSecret } = options;
  return (event) => {
    const correlationId = correlationIdOf(event);
    return withCorrelationId(correlationId, async () => {
      const result = await handle(actions, originSecret, event);
      return { ...result, headers: { ...result.headers, [CORRELATION_ID_HEADER]: correlationId } };
    });
  };
}

async function handle(
  actions: Record<string, RouteAction>,
  originSecret: OriginSecret | undefined,
  event: HttpEvent,
): Promise<HttpResult> {
  const started = performance.now();
  let result: HttpResult;
  try {
    if (originSecret) await assertThroughCloudFront(event, originSecret);
    const action = actions[event.routeKey];
    if (!action) throw new NotFoundError('route');
    const { body, status = 200, cacheSeconds, cookies, file, headers } = await action(event);
    if (file) {
      result = {
        statusCode: status,
        headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...file.headers },
        body: Buffer.from(file.bytes).toString('base64'),
        isBase64Encoded: true,
      };
    } else {
      result = {
        ...json(status, body, { ...cacheHeaders(cacheSeconds), ...headers }),
        ...(cookies?.length ? { cookies } : {}),
      };
      if (cacheSeconds && status === 200) result = withEtag(result, event.headers?.['if-none-match']);
    }
  } catch (error) {
    const { status, problem, retryAfterSeconds } = toProblem(error, languageOf(event));
    if (status >= 500) logger.error('request failed', { routeKey: event.routeKey, error: errorSummary(error) });
    result = json(status, problem, {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...(retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {}),
    });
  }
  logger.info('request', {
    routeKey: event.routeKey,
    requestId: event.requestContext?.requestId,
    status: result.statusCode,
    durationMs: Math.round(performance.now() - started),
  });
  return result;
}

/**
 * Cacheable reads carry a strong ETag of their body; a client or CDN revalidating with a matching If-None-Match gets
 * 304 without the body.
 */
function withEtag(result: HttpResult, ifNoneMatch: string | undefined): HttpResult {
  const etag = `"${createHash('sha256')
    .update(result.body ?? '')
    .digest('base64url')
    .slice(0, 27)}"`;
  const headers = { ...result.headers, etag };
  const matches = ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  return matches ? { statusCode: 304, headers } : { ...result, headers };
}

/** The error's name and message only: never the event or a payload. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'unknown', message: '' };
}

export function pathParameter(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw new NotFoundError('route');
  return value;
}
