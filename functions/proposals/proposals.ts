import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { z } from 'zod';
import type { Catalog } from '#shared/catalog.ts';
import {
  ConflictError,
  type FieldIssue,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '#shared/errors.ts';
import { idempotencyExpiry, parseIdempotencyKey } from '#shared/idempotency.ts';
import { keys } from '#shared/keys.ts';
import {
  type AttachmentItem,
  type AttachmentStore,
  acceptedKey,
  assertProposalTarget,
  fileTooLarge,
  isPubliclyListed,
  newProposalItem,
  proposalFieldIssue,
  quarantineKey,
  type StoredAttachment,
  toPublicProposal,
  toReceipt,
  UNATTACHED_UPLOAD_SECONDS,
  UPLOAD_FORM_SECONDS,
  UPLOAD_FORMS_PER_HOUR,
  uploadIssue,
} from '#shared/proposals.ts';
import { type Language, ulidSchema } from '#shared/schemas/common.ts';
import {
  attachmentUploadInputSchema,
  MAX_ATTACHMENT_BYTES,
  type ProposalCreated,
  type ProposalInput,
  type ProposalPage,
  proposalInputSchema,
  proposalPageQuerySchema,
  type UploadForm,
} from '#shared/schemas/proposal.ts';
import { parseInput } from '#shared/validation.ts';
import {
  createHttpHandler,
  type HttpEvent,
  type HttpHandler,
  languageOf,
  pathParameter,
  type RouteAction,
} from '../commons/http.ts';
import { logger } from '../commons/logger.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import { createParticipationHandler, type ParticipationAction, type PipelineDeps } from '../participation/pipeline.ts';
import type { StoredResponse } from '../repositories/comment-repository.ts';
import type { ProposalReader } from '../repositories/proposal-reader.ts';
import type { ProposalRepository } from '../repositories/proposal-repository.ts';
import type { RateLimiter } from '../repositories/rate-limiter.ts';
import { isReceiptToken, receiptHash, receiptToken, receiptUrl } from './receipts.ts';

export type ProposalDeps = {
  catalog: Catalog;
  proposals: ProposalRepository;
  reader: ProposalReader;
  attachments: AttachmentStore;
  /** Keys receipt tokens (the cookie secret in production). */
  receiptSecret: () => Promise<Buffer>;
  /** Counts upload forms per participant and hour, on top of the pipeline's per-minute write limits. */
  uploadLimiter: RateLimiter;
  newId?: () => string;
};

/** A proposal is long (up to 5,000 characters in several fields, ten milestones): far more than a comment. */
export const MAX_PROPOSAL_BODY_BYTES = 256 * 1024;
/** Seconds CloudFront may serve the public list from cache. */
const PUBLIC_CACHE_SECONDS = 5;

const monotonicUlid = monotonicFactory();

/** Parses a form, naming every invalid field in words (e.g. "Piketa 2, data e përfundimit: …"). */
function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(result.error.issues.map(proposalFieldIssue));
  return result.data;
}

function fileIssue(field: string, message: FieldIssue['message']): ValidationError {
  return new ValidationError([{ field, message }]);
}

/** The raw body of the local upload route (binary, so base64 in the event). */
function bodyBytes(event: HttpEvent): Uint8Array {
  if (event.body === undefined) return new Uint8Array();
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** The writes: submission, upload forms and (local runtime only) the upload itself. Same-origin, rate-limited. */
export function proposalWriteActions(deps: ProposalDeps): Record<string, ParticipationAction> {
  const { catalog, proposals, attachments, receiptSecret, uploadLimiter, newId = () => monotonicUlid() } = deps;

  async function created(id: string, lang: Language): Promise<ProposalCreated> {
    return { id, receiptUrl: receiptUrl(receiptToken(await receiptSecret(), id), lang) };
  }

  /** A replayed answer: the stored record holds the id only; the link is derived again (the token is never stored). */
  async function replay(stored: StoredResponse, lang: Language) {
    const { id } = stored.body as { id: string };
    return { status: stored.status, body: await created(id, lang) };
  }

  /** The attachments a submission names, checked: the caller's uploads, present in quarantine, PDF, ≤ 10 MB. */
  async function checkedAttachments(ids: readonly string[], participantId: string, now: Date) {
    if (ids.length === 0) return [];
    const records = await proposals.attachments(ids);
    const issues: FieldIssue[] = [];
    // The table's TTL deletes expired records late, so expiry is checked here too.
    const expired = (record: AttachmentItem) => (record.expiresAt ?? Number.POSITIVE_INFINITY) * 1000 <= now.getTime();
    const owned = ids.map((id, i) => {
      const record = records.get(id);
      if (record?.status !== 'awaiting' || record.participantId !== participantId || expired(record)) {
        issues.push({
          field: `attachmentIds.${i}`,
          message: {
            sq: 'Ky skedar nuk u gjet ose nuk është më i disponueshëm. Ngarkojeni përsëri.',
            en: 'This file was not found or is no longer available. Upload it again.',
          },
        });
      }
      return record as AttachmentItem;
    });
    if (issues.length > 0) throw new ValidationError(issues);
    const inspected = await Promise.all(owned.map((record) => attachments.inspect(quarantineKey(record.id))));
    owned.forEach((record, i) => {
      const issue = uploadIssue(inspected[i], record.fileName);
      if (issue) issues.push({ field: `attachmentIds.${i}`, message: issue });
    });
    if (issues.length > 0) throw new ValidationError(issues);
    return owned.map((record, i) => ({ record, upload: inspected[i] as NonNullable<(typeof inspected)[number]> }));
  }

  /**
   * Checks the files, copies them out of quarantine and writes the proposal with its receipt. The copies come first,
   * so a stored proposal always has its files; a copy whose proposal is then not written is harmless (its key is the
   * attachment's, and only one proposal can take an attachment).
   */
  async function write(
    id: string,
    input: ProposalInput,
    participantId: string,
    idempotencyKey: string | undefined,
    now: Date,
  ) {
    const checked = await checkedAttachments(input.attachmentIds, participantId, now);
    await Promise.all(
      checked.map(({ record, upload }) =>
        attachments.accept(quarantineKey(record.id), acceptedKey(record.id), {
          etag: upload.etag,
          fileName: record.fileName,
        }),
      ),
    );
    const kept: StoredAttachment[] = checked.map(({ record, upload }) => ({
      id: record.id,
      fileName: record.fileName,
      bytes: upload.bytes,
      key: acceptedKey(record.id),
    }));
    const answer: StoredResponse = { status: 201, body: { id } };
    const replayed = await proposals.create({
      proposal: newProposalItem(id, input, kept, now.toISOString()),
      receiptHash: receiptHash(receiptToken(await receiptSecret(), id)),
      attachmentIds: input.attachmentIds,
      participantId,
      ...(idempotencyKey === undefined
        ? {}
        : { idempotency: { key: idempotencyKey, response: answer, expiresAt: idempotencyExpiry(now) } }),
    });
    return { checked, kept, replayed };
  }

  const actions: Record<string, ParticipationAction> = {
    'POST /api/proposals': async (event, { participantId, now }) => {
      const input = parseForm(proposalInputSchema, parseJsonBody(event, MAX_PROPOSAL_BODY_BYTES));
      const lang = languageOf(event);
      const idempotencyKey = parseIdempotencyKey(event.headers?.['idempotency-key']);
      const isBot = input.website !== undefined && input.website !== '';
      if (idempotencyKey !== undefined && !isBot) {
        // A retry answers as the first request did, even if the consultation closed in between (a first-time
        // visitor's retry without the lost cookie has the same key-derived participant id: see identifyParticipant).
        const stored = await proposals.storedResponse(participantId, idempotencyKey);
        if (stored) return replay(stored, lang);
      }
      assertProposalTarget(catalog, input, now);
      const id = newId();
      if (isBot) {
        // Honeypot: the answer of an accepted proposal, with a link that leads nowhere; nothing stored.
        return { status: 201, body: { id, receiptUrl: receiptUrl(randomBytes(32).toString('base64url'), lang) } };
      }

      let written: Awaited<ReturnType<typeof write>>;
      try {
        written = await write(id, input, participantId, idempotencyKey, now);
      } catch (error) {
        // A concurrent twin of this request (same idempotency key) may have taken the files first: answer as it did.
        if (idempotencyKey !== undefined && (error instanceof ValidationError || error instanceof ConflictError)) {
          const stored = await proposals.storedResponse(participantId, idempotencyKey);
          if (stored) return replay(stored, lang);
        }
        throw error;
      }
      const { checked, kept, replayed } = written;
      if (replayed) return replay(replayed, lang);

      const discarded = await Promise.allSettled(
        checked.map(({ record }) => attachments.discard(quarantineKey(record.id))),
      );
      const leftInQuarantine = discarded.filter((r) => r.status === 'rejected').length;
      // Ids and counts only: never the organisation, the contact or the text.
      logger.info('proposal received', {
        proposalId: id,
        consultationId: input.consultationId,
        kind: input.kind,
        attachments: kept.length,
        ...(leftInQuarantine > 0 ? { leftInQuarantine } : {}),
      });
      return { status: 201, body: await created(id, lang) };
    },

    'POST /api/proposals/attachments': async (event, { participantId, now }) => {
      const input = parseForm(attachmentUploadInputSchema, parseJsonBody(event));
      await uploadLimiter.consume(
        [{ scope: 'upload-forms', subject: participantId, limit: UPLOAD_FORMS_PER_HOUR, windowSeconds: 3600 }],
        now,
      );
      const id = newId();
      const expiresAt = new Date(now.getTime() + UPLOAD_FORM_SECONDS * 1000);
      await proposals.createAttachment({
        ...keys.attachment(id),
        type: 'ATTACHMENT',
        id,
        participantId,
        fileName: input.fileName,
        declaredBytes: input.bytes,
        createdAt: now.toISOString(),
        uploadExpiresAt: expiresAt.toISOString(),
        status: 'awaiting',
        expiresAt: Math.floor(now.getTime() / 1000) + UNATTACHED_UPLOAD_SECONDS,
      });
      const body: UploadForm = {
        attachmentId: id,
        upload: await attachments.uploadTarget(id, quarantineKey(id), UPLOAD_FORM_SECONDS),
        maxBytes: MAX_ATTACHMENT_BYTES,
        expiresAt: expiresAt.toISOString(),
      };
      return { status: 201, body };
    },
  };

  const { receive } = attachments;
  if (receive) {
    // The local runtime's stand-in for the presigned S3 POST: the same refusals as the S3 policy (size), nothing more;
    // the file is checked on submission exactly as in AWS.
    actions['PUT /api/proposals/attachments/{attachmentId}'] = async (event, { participantId, now }) => {
      const id = pathParameter(event, 'attachmentId');
      if (!ulidSchema.safeParse(id).success) throw new NotFoundError('attachment');
      const bytes = bodyBytes(event);
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new PayloadTooLargeError(fileTooLarge());
      if (bytes.length === 0) throw fileIssue('file', { sq: 'Skedari është bosh.', en: 'The file is empty.' });
      const record = (await proposals.attachments([id])).get(id);
      if (record?.status !== 'awaiting' || record.participantId !== participantId) {
        throw new NotFoundError('attachment');
      }
      if (now.toISOString() > record.uploadExpiresAt) {
        throw fileIssue('file', {
          sq: 'Afati i ngarkimit skadoi. Kërkoni një ngarkim të ri.',
          en: 'The upload form expired. Ask for a new one.',
        });
      }
      await receive.call(attachments, quarantineKey(id), bytes);
      return { body: { attachmentId: id, bytes: bytes.length } };
    };
  }
  return actions;
}

/** The reads: the private receipt (never cached) and the public list of approved proposals (cached 5 s). */
export function proposalReadActions({ catalog, proposals, reader }: ProposalDeps): Record<string, RouteAction> {
  return {
    'GET /api/proposals/receipt/{token}': async (event) => {
      const token = pathParameter(event, 'token');
      // A malformed token and an unknown one get the same answer: 404, nothing about any proposal.
      const proposal = isReceiptToken(token) ? await proposals.findByReceipt(receiptHash(token)) : undefined;
      if (!proposal) throw new NotFoundError('receipt');
      const response = proposal.responseId === undefined ? undefined : await proposals.response(proposal.responseId);
      return { body: toReceipt(proposal, response) };
    },

    'GET /api/consultations/{consultationId}/proposals': async (event) => {
      const consultation = catalog.consultation(pathParameter(event, 'consultationId'));
      const { cursor, limit } = parseInput(proposalPageQuerySchema, event.queryStringParameters ?? {});
      const page = await reader.approved(consultation.id, { limit, ...(cursor !== undefined ? { cursor } : {}) });
      const body: ProposalPage = {
        proposals: page.items.filter(isPubliclyListed).map(toPublicProposal),
        ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
      };
      return { body, cacheSeconds: PUBLIC_CACHE_SECONDS };
    },
  };
}

/**
 * The proposals function: writes go through the participation pipeline (same origin, rate limits, participant
 * cookie); the receipt and the public list are plain reads that never touch the participant identity.
 */
export function createProposalsHandler(pipeline: PipelineDeps, deps: ProposalDeps): HttpHandler {
  const reads = proposalReadActions(deps);
  const readHandler = createHttpHandler(reads);
  const writeHandler = createParticipationHandler(pipeline, proposalWriteActions(deps));
  return (event) => (Object.hasOwn(reads, event.routeKey) ? readHandler(event) : writeHandler(event));
}
