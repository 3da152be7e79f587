/**
 * Typed domain errors. functions/commons/problem.ts maps each to an HTTP status and an RFC 9457 problem document
 * with its message in Albanian and English; nothing else decides status codes.
 */
export type Bilingual = { sq: string; en: string };

/** One invalid field: its path in the request (e.g. `milestones.0.end`) and what is wrong, in both languages. */
export type FieldIssue = { field: string; message: Bilingual };

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class ValidationError extends DomainError {
  readonly code = 'validation-failed';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(`invalid input: ${issues.map((i) => i.field).join(', ')}`);
    this.issues = issues;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  readonly resource: string;
  constructor(resource: string) {
    super(`${resource} not found`);
    this.resource = resource;
  }
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

export class ConsultationClosedError extends DomainError {
  readonly code = 'consultation-closed';
  readonly phase: 'upcoming' | 'closed';
  constructor(phase: 'upcoming' | 'closed') {
    super(`consultation is ${phase}`);
    this.phase = phase;
  }
}

/** A step that waits for the end of the consultation (publishing the response report) was asked too early. */
export class ConsultationNotClosedError extends DomainError {
  readonly code = 'consultation-not-closed';
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate limit exceeded');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = 'service-unavailable';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, cause?: unknown) {
    super('service temporarily unavailable', { cause });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload-too-large';
  /** What is too large, when more can be said than "the request" (e.g. a file over its limit). */
  readonly messages?: Bilingual;
  constructor(messages?: Bilingual) {
    super('payload too large');
    if (messages) this.messages = messages;
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type';
}
