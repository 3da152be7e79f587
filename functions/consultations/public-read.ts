import { type Catalog, type CatalogConsultation, consultationPhase } from '#shared/catalog.ts';
import { type CommentListPage, type CommentReader, isPubliclyVisible, toPublicComment } from '#shared/comments.ts';
import { NotFoundError, ValidationError } from '#shared/errors.ts';
import type { Clock, TallyReader } from '#shared/ports.ts';
import {
  type CommentPage,
  type CommitmentTally,
  type ConsultationDetail,
  type ConsultationList,
  type ConsultationView,
  threadQuerySchema,
} from '#shared/schemas/api.ts';
import { slugSchema, ulidSchema } from '#shared/schemas/common.ts';
import { responseReportQuerySchema } from '#shared/schemas/staff.ts';
import { EMPTY_TALLY } from '#shared/tally.ts';
import { parseInput } from '#shared/validation.ts';
import { createHttpHandler, type HttpEvent, type HttpHandler, languageOf, pathParameter } from '../commons/http.ts';
import type { ResponseReportReader } from '../repositories/response-report-reader.ts';

export type PublicReadDeps = {
  catalog: Catalog;
  tallies: TallyReader;
  comments: CommentReader;
  clock: Clock;
  /** The published response reports (issue 6); without it the report route answers 404. */
  responseReports?: ResponseReportReader;
};

function view(consultation: CatalogConsultation, now: Date): ConsultationView {
  return { ...consultation, phase: consultationPhase(consultation, now) };
}

/** Every published consultation, open ones first, then by opening date, newest first. */
export function listConsultations({ catalog, clock }: PublicReadDeps): ConsultationList {
  const now = clock();
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  const consultations = catalog.consultations
    .map((c) => ({ ...view(c, now), commitmentCount: catalog.commitmentsOf(c.id).length }))
    .sort((a, b) => rank[a.phase] - rank[b.phase] || b.opensAt.localeCompare(a.opensAt));
  return { consultations };
}

/** One consultation with its commitments in plan order and their live tallies. */
export async function getConsultation(deps: PublicReadDeps, consultationId: string): Promise<ConsultationDetail> {
  const consultation = deps.catalog.consultation(consultationId);
  const commitments = deps.catalog.commitmentsOf(consultationId);
  const tallies = await deps.tallies.tallies(commitments.map((c) => c.id));
  return {
    consultation: view(consultation, deps.clock()),
    commitments: commitments.map(({ consultationId: _, ...commitment }) => ({
      ...commitment,
      tally: tallies.get(commitment.id) ?? { ...EMPTY_TALLY },
    })),
  };
}

/** One commitment's live tally. */
export async function getCommitmentTally(deps: PublicReadDeps, commitmentId: string): Promise<CommitmentTally> {
  const commitment = deps.catalog.commitment(commitmentId);
  const tallies = await deps.tallies.tallies([commitment.id]);
  return { commitmentId: commitment.id, tally: tallies.get(commitment.id) ?? { ...EMPTY_TALLY } };
}

function commentPage({ items, nextCursor }: CommentListPage): CommentPage {
  return { comments: items.map(toPublicComment), ...(nextCursor !== undefined ? { nextCursor } : {}) };
}

/** One page of a commitment's top-level comments (or one section's), newest or most agreed first. */
export async function listComments(
  deps: PublicReadDeps,
  commitmentId: string,
  query: HttpEvent['queryStringParameters'],
): Promise<CommentPage> {
  const commitment = deps.catalog.commitment(commitmentId);
  const { section, sort, cursor, limit } = parseInput(threadQuerySchema, query ?? {});
  if (section !== undefined && !commitment.sectionIds.includes(section)) {
    throw new ValidationError([
      {
        field: 'section',
        message: {
          sq: 'Ky seksion nuk ekziston në këtë angazhim.',
          en: 'This section does not exist in this commitment.',
        },
      },
    ]);
  }
  return commentPage(
    await deps.comments.thread({ commitmentId: commitment.id, sectionId: section, sort, limit, cursor }),
  );
}

const replyQuerySchema = threadQuerySchema.pick({ cursor: true, limit: true, lang: true });

/** One page of a public comment's replies, oldest first. */
export async function listReplies(
  deps: PublicReadDeps,
  commentId: string,
  query: HttpEvent['queryStringParameters'],
): Promise<CommentPage> {
  const { cursor, limit } = parseInput(replyQuerySchema, query ?? {});
  if (!ulidSchema.safeParse(commentId).success) throw new NotFoundError('comment');
  const parent = await deps.comments.find(commentId);
  if (!parent || !isPubliclyVisible(parent)) throw new NotFoundError('comment');
  return commentPage(await deps.comments.replies(commentId, { limit, cursor }));
}

/**
 * The published response report of a consultation (Law 146/2014): each answered contribution's text (when public),
 * disposition and justification, grouped by commitment in plan order; never author data. 404 until published.
 */
export async function getResponseReport(deps: PublicReadDeps, consultationId: string, event: HttpEvent) {
  const { cursor, limit } = parseInput(responseReportQuerySchema, event.queryStringParameters ?? {});
  if (!deps.responseReports || !slugSchema.safeParse(consultationId).success) {
    throw new NotFoundError('response-report');
  }
  return deps.responseReports.report(deps.catalog, consultationId, {
    limit,
    ...(cursor !== undefined ? { cursor } : {}),
    language: languageOf(event),
  });
}

/** Where the site serves the OpenAPI document. */
export const OPENAPI_DOCUMENT_PATH = '/openapi.json';

/** Seconds CloudFront may serve a public read from cache; tallies stay close to live. */
const PUBLIC_CACHE_SECONDS = 5;

/** The public-read function: consultations, commitments' tallies, and the public comment threads. */
export function createPublicReadHandler(deps: PublicReadDeps): HttpHandler {
  return createHttpHandler({
    // The document is a static file of the site (site/src/pages/openapi.json.ts), not 140 KB of this bundle.
    'GET /api/openapi.json': async () => ({
      status: 308,
      body: { location: OPENAPI_DOCUMENT_PATH },
      headers: { location: OPENAPI_DOCUMENT_PATH },
      cacheSeconds: 300,
    }),
    'GET /api/consultations': async () => ({ body: listConsultations(deps), cacheSeconds: PUBLIC_CACHE_SECONDS }),
    'GET /api/commitments/{commitmentId}/tally': async (event) => ({
      body: await getCommitmentTally(deps, pathParameter(event, 'commitmentId')),
      cacheSeconds: PUBLIC_CACHE_SECONDS,
    }),
    'GET /api/commitments/{commitmentId}/comments': async (event) => ({
      body: await listComments(deps, pathParameter(event, 'commitmentId'), event.queryStringParameters),
      cacheSeconds: PUBLIC_CACHE_SECONDS,
    }),
    'GET /api/comments/{commentId}/replies': async (event) => ({
      body: await listReplies(deps, pathParameter(event, 'commentId'), event.queryStringParameters),
      cacheSeconds: PUBLIC_CACHE_SECONDS,
    }),
    'GET /api/consultations/{consultationId}/response-report': async (event) => ({
      body: await getResponseReport(deps, pathParameter(event, 'consultationId'), event),
      cacheSeconds: 60,
    }),
    'GET /api/consultations/{consultationId}': async (event) => ({
      body: await getConsultation(deps, pathParameter(event, 'consultationId')),
      cacheSeconds: PUBLIC_CACHE_SECONDS,
    }),
  });
}
