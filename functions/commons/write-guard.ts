import { ForbiddenError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '#shared/errors.ts';
import type { HttpEvent } from './http.ts';

/** Participation bodies are small: a 2,000-character comment is at most 8 KB of UTF-8. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * CSRF defence for cookie-authenticated writes: the request must come from the site's own origin (browsers always
 * send Origin on cross-site and on non-GET requests) and carry JSON, which a plain HTML form cannot send.
 * The allowed origins come from KONSULTO_ALLOWED_ORIGINS; without it, the origin must match the host the browser
 * addressed: `x-forwarded-host` (set by the CloudFront function in front of /api/* from the viewer's Host) or Host.
 */
export function assertSameOrigin(event: HttpEvent, allowedOrigins: readonly string[]): void {
  const origin = event.headers?.origin;
  if (!origin) throw new ForbiddenError('missing Origin header');
  if (allowedOrigins.includes(origin)) return;
  if (allowedOrigins.length === 0) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    const viewerHost = event.headers?.['x-forwarded-host'] ?? event.headers?.host;
    if (originHost && originHost === viewerHost) return;
  }
  throw new ForbiddenError('cross-origin write refused');
}

export function allowedOriginsFromEnv(value = process.env.KONSULTO_ALLOWED_ORIGINS): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

const INVALID_JSON = new ValidationError([
  {
    field: '(body)',
    message: { sq: 'Trupi i kërkesës nuk është JSON i vlefshëm.', en: 'The request body is not valid JSON.' },
  },
]);

/** The JSON body of a write; refuses other media types, bodies over `maxBytes` and malformed JSON. */
export function parseJsonBody(event: HttpEvent, maxBytes: number = MAX_BODY_BYTES): unknown {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) throw new PayloadTooLargeError();
  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(raw);
  } catch {
    throw INVALID_JSON;
  }
}
