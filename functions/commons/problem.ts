import {
  type Bilingual,
  ConflictError,
  ConsultationClosedError,
  ConsultationNotClosedError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors.ts';
import type { Problem } from '#shared/schemas/api.ts';
import type { Language } from '#shared/schemas/common.ts';

type Mapped = { status: number; title: string; messages: Bilingual; retryAfterSeconds?: number };

const RESOURCE_NAMES: Record<string, Bilingual> = {
  consultation: { sq: 'Konsultimi', en: 'The consultation' },
  commitment: { sq: 'Angazhimi', en: 'The commitment' },
  comment: { sq: 'Komenti', en: 'The comment' },
  proposal: { sq: 'Propozimi', en: 'The proposal' },
  receipt: { sq: 'Dëftesa', en: 'The receipt' },
  attachment: { sq: 'Skedari', en: 'The file' },
  response: { sq: 'Përgjigjja', en: 'The response' },
  'response-report': { sq: 'Raporti i përgjigjeve', en: 'The response report' },
  meeting: { sq: 'Takimi', en: 'The meeting' },
  route: { sq: 'Adresa', en: 'The address' },
  job: { sq: 'Përmbledhja', en: 'The summary job' },
  file: { sq: 'Skedari', en: 'The file' },
};

/** The one place where domain errors become HTTP statuses and bilingual messages. */
function mapError(error: unknown): Mapped {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      title: 'Invalid input',
      messages: { sq: 'Të dhënat nuk janë të vlefshme.', en: 'The input is not valid.' },
    };
  }
  if (error instanceof NotFoundError) {
    const name = RESOURCE_NAMES[error.resource] ?? { sq: 'Burimi', en: 'The resource' };
    return {
      status: 404,
      title: 'Not found',
      messages: { sq: `${name.sq} nuk u gjet.`, en: `${name.en} was not found.` },
    };
  }
  if (error instanceof ConsultationClosedError) {
    return {
      status: 409,
      title: 'Consultation not open',
      messages:
        error.phase === 'upcoming'
          ? { sq: 'Konsultimi nuk është hapur ende.', en: 'The consultation has not opened yet.' }
          : { sq: 'Konsultimi është mbyllur.', en: 'The consultation is closed.' },
    };
  }
  if (error instanceof ConsultationNotClosedError) {
    return {
      status: 409,
      title: 'Consultation not closed',
      messages: {
        sq: 'Konsultimi nuk është mbyllur ende: raporti i përgjigjeve publikohet pas mbylljes.',
        en: 'The consultation has not closed yet: the response report is published after it closes.',
      },
    };
  }
  if (error instanceof ConflictError) {
    return {
      status: 409,
      title: 'Conflict',
      messages: {
        sq: 'Të dhënat u ndryshuan ndërkohë. Rifreskoni dhe provoni përsëri.',
        en: 'The data changed in the meantime. Refresh and try again.',
      },
    };
  }
  if (error instanceof RateLimitedError) {
    return {
      status: 429,
      title: 'Too many requests',
      retryAfterSeconds: error.retryAfterSeconds,
      messages: {
        sq: 'Shumë kërkesa në pak kohë. Provoni përsëri pas pak.',
        en: 'Too many requests in a short time. Please try again shortly.',
      },
    };
  }
  if (error instanceof UnauthorizedError) {
    return {
      status: 401,
      title: 'Unauthorized',
      messages: { sq: 'Duhet të identifikoheni.', en: 'Sign-in is required.' },
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      status: 403,
      title: 'Forbidden',
      messages: { sq: 'Nuk keni leje për këtë veprim.', en: 'You are not allowed to do this.' },
    };
  }
  if (error instanceof PayloadTooLargeError) {
    return {
      status: 413,
      title: 'Payload too large',
      messages: error.messages ?? { sq: 'Kërkesa është shumë e madhe.', en: 'The request is too large.' },
    };
  }
  if (error instanceof UnsupportedMediaTypeError) {
    return {
      status: 415,
      title: 'Unsupported media type',
      messages: { sq: 'Dërgoni të dhënat si JSON.', en: 'Send the data as JSON.' },
    };
  }
  const retryAfterSeconds = error instanceof ServiceUnavailableError ? error.retryAfterSeconds : 1;
  if (error instanceof ServiceUnavailableError || isTransientAwsError(error)) {
    return {
      status: 503,
      title: 'Service unavailable',
      retryAfterSeconds,
      messages: {
        sq: 'Shërbimi është përkohësisht i ngarkuar. Provoni përsëri pas pak.',
        en: 'The service is temporarily busy. Please try again shortly.',
      },
    };
  }
  return {
    status: 500,
    title: 'Internal error',
    messages: { sq: 'Ndodhi një gabim i papritur.', en: 'An unexpected error occurred.' },
  };
}

const TRANSIENT_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
]);

/** Throttling and service faults from DynamoDB: the client should retry later, so 503 rather than 500. */
export function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return TRANSIENT_AWS_ERRORS.has(error.name) || (meta?.httpStatusCode ?? 0) >= 500;
}

export type ProblemResponse = { status: number; problem: Problem; retryAfterSeconds?: number };

/** An RFC 9457 problem document for any error; `detail` is in the requested language, `messages` in both. */
export function toProblem(error: unknown, language: Language): ProblemResponse {
  const mapped = mapError(error);
  const code = error instanceof DomainError ? error.code : mapped.status === 503 ? 'service-unavailable' : 'internal';
  const problem: Problem = {
    type: `/problems/${code}`,
    title: mapped.title,
    status: mapped.status,
    detail: mapped.messages[language],
    code,
    messages: mapped.messages,
    ...(error instanceof ValidationError ? { errors: error.issues } : {}),
  };
  return {
    status: mapped.status,
    problem,
    ...(mapped.retryAfterSeconds ? { retryAfterSeconds: mapped.retryAfterSeconds } : {}),
  };
}
