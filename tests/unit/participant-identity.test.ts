import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  hashIp,
  identifyParticipant,
  participantCookie,
  participantIdForKey,
  signParticipantId,
  verifyParticipantCookie,
} from '#functions/commons/participant-cookie.ts';
import { assertSameOrigin, parseJsonBody } from '#functions/commons/write-guard.ts';
import { ForbiddenError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '#shared/errors.ts';
import { httpEvent } from '../support/events.ts';
import { TEST_SECRET } from '../support/participation.ts';

const OTHER_SECRET = Buffer.from('another-secret-of-at-least-32-characters-xyz');

describe('participant cookie', () => {
  it('round-trips a signed participant id', () => {
    const id = ulid();
    expect(verifyParticipantCookie(signParticipantId(id, TEST_SECRET), TEST_SECRET)).toBe(id);
  });

  it('rejects a tampered id, a tampered signature, a foreign secret and junk', () => {
    const id = ulid();
    const cookie = signParticipantId(id, TEST_SECRET);
    const [, signature] = cookie.split('.');
    expect(verifyParticipantCookie(`${ulid()}.${signature}`, TEST_SECRET)).toBeUndefined();
    expect(
      verifyParticipantCookie(`${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`, TEST_SECRET),
    ).toBeUndefined();
    expect(verifyParticipantCookie(signParticipantId(id, OTHER_SECRET), TEST_SECRET)).toBeUndefined();
    for (const junk of ['', '.', 'abc', `${id}.`, `${id}.x.y`, 'a'.repeat(5000)]) {
      expect(verifyParticipantCookie(junk, TEST_SECRET)).toBeUndefined();
    }
  });

  it('gives a request without a valid cookie a fresh identity, and keeps a valid one', () => {
    const id = ulid();
    expect(identifyParticipant([`konsulto_participant=${signParticipantId(id, TEST_SECRET)}`], TEST_SECRET)).toEqual({
      participantId: id,
      isNew: false,
    });
    const forged = identifyParticipant([`konsulto_participant=${id}.forged`], TEST_SECRET);
    expect(forged.isNew).toBe(true);
    expect(forged.participantId).not.toBe(id);
    expect(identifyParticipant(undefined, TEST_SECRET).isNew).toBe(true);
  });

  it('gives a cookieless write with an idempotency key the same id for the same key, and only then', () => {
    const first = identifyParticipant(undefined, TEST_SECRET, 'key-1');
    expect(first.isNew).toBe(true);
    expect(first.participantId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(identifyParticipant(undefined, TEST_SECRET, 'key-1').participantId).toBe(first.participantId);
    expect(identifyParticipant(undefined, TEST_SECRET, 'key-2').participantId).not.toBe(first.participantId);
    expect(identifyParticipant(undefined, OTHER_SECRET, 'key-1').participantId).not.toBe(first.participantId);
    expect(participantIdForKey('key-1', TEST_SECRET)).toBe(first.participantId);
    // A valid cookie always wins over the key.
    const id = ulid();
    const cookie = `konsulto_participant=${signParticipantId(id, TEST_SECRET)}`;
    expect(identifyParticipant([cookie], TEST_SECRET, 'key-1')).toEqual({ participantId: id, isNew: false });
  });

  it('sets an HttpOnly, SameSite cookie, Secure outside localhost', () => {
    const id = ulid();
    expect(participantCookie(id, TEST_SECRET, { secure: true })).toBe(
      `konsulto_participant=${signParticipantId(id, TEST_SECRET)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(participantCookie(id, TEST_SECRET, { secure: false })).not.toContain('Secure');
  });

  it('hashes IP addresses into stable pseudonyms that do not contain the address', () => {
    expect(hashIp('192.0.2.7', TEST_SECRET)).toBe(hashIp('192.0.2.7', TEST_SECRET));
    expect(hashIp('192.0.2.7', TEST_SECRET)).not.toBe(hashIp('192.0.2.8', TEST_SECRET));
    expect(hashIp('192.0.2.7', TEST_SECRET)).not.toContain('192');
  });
});

describe('write guard', () => {
  const write = (headers: Record<string, string>, body?: string) => ({
    ...httpEvent('POST /x', { headers }),
    ...(body === undefined ? {} : { body }),
  });

  it('accepts the allowed origin, or the origin of the addressed host when none is configured', () => {
    expect(() => assertSameOrigin(write({ origin: 'http://localhost:8080' }), ['http://localhost:8080'])).not.toThrow();
    expect(() =>
      assertSameOrigin(write({ origin: 'https://konsulto.example', 'x-forwarded-host': 'konsulto.example' }), []),
    ).not.toThrow();
    expect(() =>
      assertSameOrigin(write({ origin: 'http://localhost:9000', host: 'localhost:9000' }), []),
    ).not.toThrow();
  });

  it('refuses a missing, foreign or malformed origin', () => {
    expect(() => assertSameOrigin(write({}), ['http://localhost:8080'])).toThrow(ForbiddenError);
    expect(() => assertSameOrigin(write({ origin: 'https://evil.example' }), ['http://localhost:8080'])).toThrow(
      ForbiddenError,
    );
    expect(() => assertSameOrigin(write({ origin: 'https://evil.example', host: 'konsulto.example' }), [])).toThrow(
      ForbiddenError,
    );
    expect(() => assertSameOrigin(write({ origin: 'null', host: 'konsulto.example' }), [])).toThrow(ForbiddenError);
  });

  it('parses JSON bodies and refuses other media types, oversized bodies and malformed JSON', () => {
    expect(parseJsonBody(write({ 'content-type': 'application/json; charset=utf-8' }, '{"a":1}'))).toEqual({ a: 1 });
    expect(() => parseJsonBody(write({ 'content-type': 'text/plain' }, '{"a":1}'))).toThrow(UnsupportedMediaTypeError);
    expect(() => parseJsonBody(write({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'))).toThrow(
      UnsupportedMediaTypeError,
    );
    expect(() => parseJsonBody(write({ 'content-type': 'application/json' }, 'x'.repeat(16 * 1024 + 1)))).toThrow(
      PayloadTooLargeError,
    );
    expect(() => parseJsonBody(write({ 'content-type': 'application/json' }, '{"a":'))).toThrow(ValidationError);
  });
});
