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

/** Reads the participant from the request cookies (API Gateway v2 `cookies`); a new id when absent or invalid. */
export function identifyParticipant(cookies: readonly string[] | undefined, secret: Buffer): ParticipantIdentity {
  for (const cookie of cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator < 0 || cookie.slice(0, separator).trim() !== PARTICIPANT_COOKIE) continue;
    const participantId = verifyParticipantCookie(cookie.slice(separator + 1).trim(), secret);
    if (participantId) return { participantId, isNew: false };
  }
  return { participantId: ulid(), isNew: true };
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
