import { ValidationError } from './errors.ts';

/** Header that makes a retried write have one effect and the same answer (see the OpenAPI document). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a stored answer is replayed; the table's TTL removes the record afterwards. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The idempotency key of a request, undefined when the header is absent; a malformed one is a 400 naming it. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (KEY_PATTERN.test(value)) return value;
  throw new ValidationError([
    {
      field: IDEMPOTENCY_HEADER,
      message: {
        sq: 'Çelësi duhet të ketë 1 deri në 64 shenja: shkronja latine, shifra, - ose _.',
        en: 'The key must be 1 to 64 characters: Latin letters, digits, - or _.',
      },
    },
  ]);
}

/** Epoch seconds when an idempotency record written at `now` expires. */
export function idempotencyExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS;
}
