import { createHmac, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';

/**
 * The anonymous participant identity: a random id in a signed, HttpOnly, SameSite cookie. A cookie whose signature
 * does not verify (tampered, or signed with another secret) is ignored and replaced, never trusted.
 */
export const PARTICIPANT_COOKIE = 'konsulto_participant';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;
const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function signature(participantId: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`participant:${participantId}`).digest('base64url');
}

export function signParticipantId(participantId: string, secret: Buffer): string {
  return `${participantId}.${signature(participantId, secret)}`;
}

/** The participant id in a cookie value, or undefined when the value is malformed or its signature is wrong. */
export function verifyParticipantCookie(value: string, secret: Buffer): string | undefined {
  const [participantId, given, ...rest] = value.split('.');
  if (!participantId || !given || rest.length > 0 || !ID_PATTERN.test(participantId)) return undefined;
  const expected = Buffer.from(signature(participantId, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? participantId : undefined;
}

export type ParticipantIdentity = { participantId: string; isNew: boolean };

/**
 * Reads the participant from the request cookies (API Gateway v2 `cookies`); a new id when absent or invalid.
 * A write without a cookie that carries an idempotency key gets the id derived from that key
 * (participantIdForKey), so a first-time visitor's retry, whose first answer (and cookie) was lost, is the same
 * participant and replays the stored answer instead of writing twice.
 */
export function identifyParticipant(
  cookies: readonly string[] | undefined,
  secret: Buffer,
  idempotencyKey?: string,
): ParticipantIdentity {
  for (const cookie of cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator < 0 || cookie.slice(0, separator).trim() !== PARTICIPANT_COOKIE) continue;
    const participantId = verifyParticipantCookie(cookie.slice(separator + 1).trim(), secret);
    if (participantId) return { participantId, isNew: false };
  }
  const participantId = idempotencyKey === undefined ? ulid() : participantIdForKey(idempotencyKey, secret);
  return { participantId, isNew: true };
}

/**
 * The participant id of a cookieless write with this idempotency key: a ULID-shaped id whose characters come from a
 * keyed hash of the key, so nobody can predict it without the secret, and the same key always gives the same id.
 */
export function participantIdForKey(idempotencyKey: string, secret: Buffer): string {
  const digest = createHmac('sha256', secret).update(`first-write:${idempotencyKey}`).digest();
  let next = 0;
  // The time part is fixed (1 ms after the epoch: the library reads 0 as "now"); the rest comes from the digest.
  return ulid(1, () => (digest[next++ % digest.length] as number) / 256);
}

export function participantCookie(participantId: string, secret: Buffer, { secure }: { secure: boolean }): string {
  return [
    `${PARTICIPANT_COOKIE}=${signParticipantId(participantId, secret)}`,
    'Path=/',
    `Max-Age=${ONE_YEAR_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedParticipantCookie({ secure }: { secure: boolean }): string {
  return [
    `${PARTICIPANT_COOKIE}=`,
    'Path=/',
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** A stable pseudonym of an IP address for rate limiting; the address itself is never stored or logged. */
export function hashIp(ip: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`ip:${ip}`).digest('base64url').slice(0, 22);
}
