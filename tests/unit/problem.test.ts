import { describe, expect, it } from 'vitest';
import { createHttpHandler, languageOf } from '#functions/commons/http.ts';
import { toProblem } from '#functions/commons/problem.ts';
import {
  ConflictError,
  ConsultationClosedError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors.ts';
import { httpEvent } from '../support/events.ts';

describe('toProblem', () => {
  it.each([
    [new ValidationError([]), 400, 'validation-failed'],
    [new UnauthorizedError(), 401, 'unauthorized'],
    [new ForbiddenError(), 403, 'forbidden'],
    [new NotFoundError('commitment'), 404, 'not-found'],
    [new ConflictError(), 409, 'conflict'],
    [new ConsultationClosedError('closed'), 409, 'consultation-closed'],
    [new PayloadTooLargeError(), 413, 'payload-too-large'],
    [new UnsupportedMediaTypeError(), 415, 'unsupported-media-type'],
    [new RateLimitedError(30), 429, 'rate-limited'],
    [new ServiceUnavailableError(2), 503, 'service-unavailable'],
    [new Error('bug'), 500, 'internal'],
  ])('maps %s to %i %s with messages in Albanian and English', (error, status, code) => {
    const { problem } = toProblem(error, 'sq');
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(code);
    expect(problem.type).toBe(`/problems/${code}`);
    expect(problem.detail).toBe(problem.messages.sq);
    expect(problem.messages.sq).not.toBe(problem.messages.en);
    expect(problem.messages.en.length).toBeGreaterThan(5);
  });

  it('names the missing resource and answers in the requested language', () => {
    expect(toProblem(new NotFoundError('commitment'), 'en').problem.detail).toBe('The commitment was not found.');
    expect(toProblem(new NotFoundError('commitment'), 'sq').problem.detail).toBe('Angazhimi nuk u gjet.');
  });

  it('lists the invalid fields of a validation error', () => {
    const issues = [{ field: 'body', message: { sq: 'E detyrueshme.', en: 'Required.' } }];
    expect(toProblem(new ValidationError(issues), 'sq').problem.errors).toEqual(issues);
  });

  it('turns DynamoDB throttling into 503 with Retry-After instead of 500', () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    expect(toProblem(throttled, 'en')).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect(toProblem(new RateLimitedError(42), 'en').retryAfterSeconds).toBe(42);
  });
});

describe('languageOf', () => {
  it('prefers ?lang, then Accept-Language, then Albanian', () => {
    expect(languageOf(httpEvent('GET /x', { query: { lang: 'en' }, headers: { 'accept-language': 'sq' } }))).toBe('en');
    expect(languageOf(httpEvent('GET /x', { headers: { 'accept-language': 'de-DE, en-GB;q=0.8' } }))).toBe('en');
    expect(languageOf(httpEvent('GET /x', { headers: { 'accept-language': 'de' } }))).toBe('sq');
  });
});

describe('createHttpHandler', () => {
  it('answers an unknown route key with a 404 problem document', async () => {
    const handler = createHttpHandler({});
    const result = await handler(httpEvent('GET /api/nothing'));
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(result.body ?? '')).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('sets Retry-After on 429 and 503 and never caches errors', async () => {
    const handler = createHttpHandler({
      'GET /limited': async () => {
        throw new RateLimitedError(17);
      },
    });
    const result = await handler(httpEvent('GET /limited'));
    expect(result.statusCode).toBe(429);
    expect(result.headers).toMatchObject({ 'retry-after': '17', 'cache-control': 'no-store' });
  });

  it('marks public reads as briefly cacheable by the CDN', async () => {
    const handler = createHttpHandler({ 'GET /ok': async () => ({ body: { ok: true }, cacheSeconds: 5 }) });
    const result = await handler(httpEvent('GET /ok'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['cache-control']).toBe('public, max-age=0, s-maxage=5, stale-while-revalidate=5');
    expect(result.body).toBe('{"ok":true}');
  });
});

describe('ETag on cacheable reads', () => {
  const handler = createHttpHandler({
    'GET /ok': async () => ({ body: { tally: 3 }, cacheSeconds: 5 }),
    'GET /private': async () => ({ body: { mine: true } }),
  });

  it('sends a strong ETag and answers a matching If-None-Match with 304 and no body', async () => {
    const first = await handler(httpEvent('GET /ok'));
    const etag = first.headers?.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await handler(httpEvent('GET /ok', { headers: { 'if-none-match': etag } }));
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers?.etag).toBe(etag);
    const stale = await handler(httpEvent('GET /ok', { headers: { 'if-none-match': '"other"' } }));
    expect(stale.statusCode).toBe(200);
  });

  it('sends no ETag on private, uncacheable answers', async () => {
    const result = await handler(httpEvent('GET /private'));
    expect(result.headers?.etag).toBeUndefined();
    expect(result.headers?.['cache-control']).toBe('no-store');
  });
});
