import { type Catalog, consultationPhase } from '#shared/catalog.ts';
import { ConsultationNotClosedError, NotFoundError } from '#shared/errors.ts';
import { buildProgress, toStaffResponse } from '#shared/responses.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import { responseInputSchema } from '#shared/schemas/response.ts';
import { responseListQuerySchema, unansweredQuerySchema } from '#shared/schemas/staff.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { ResponseRepository } from '../repositories/response-repository.ts';
import { consultationFrom } from './moderation.ts';
import type { StaffAction } from './pipeline.ts';

export type ResponseDeps = { catalog: Catalog; responses: ResponseRepository };

/** A response body holds up to 45 contributions and 2 × 5,000 characters of justification. */
const RESPONSE_BODY_BYTES = 64 * 1024;

function responseIdFrom(value: string): string {
  if (!ulidSchema.safeParse(value).success) throw new NotFoundError('response');
  return value;
}

/**
 * Reasoned responses (drafters and admins): list and read, create or edit with optimistic locking, the progress of a
 * consultation, the contributions still unanswered, and publishing the response report once it has closed.
 */
export function responseActions({ catalog, responses }: ResponseDeps): Record<string, StaffAction> {
  return {
    'GET /api/admin/consultations/{consultationId}/responses': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const { limit, cursor } = parseInput(responseListQuerySchema, event.queryStringParameters ?? {});
      const page = await responses.page(consultationId, { limit, ...(cursor !== undefined ? { cursor } : {}) });
      return {
        body: {
          responses: page.responses.map(toStaffResponse),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },

    'GET /api/admin/responses/{responseId}': async (event) => {
      const found = await responses.find(responseIdFrom(pathParameter(event, 'responseId')));
      if (!found) throw new NotFoundError('response');
      return { body: toStaffResponse(found) };
    },

    'PUT /api/admin/responses/{responseId}': async (event, { staff, now }) => {
      const responseId = responseIdFrom(pathParameter(event, 'responseId'));
      const input = parseInput(responseInputSchema, parseJsonBody(event, RESPONSE_BODY_BYTES));
      const saved = await responses.save({
        responseId,
        input,
        actor: { sub: staff.sub, username: staff.username },
        at: now.toISOString(),
      });
      return { status: saved.version === 1 ? 201 : 200, body: toStaffResponse(saved) };
    },

    'GET /api/admin/consultations/{consultationId}/progress': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const [all, unanswered, marker] = await Promise.all([
        responses.all(consultationId),
        responses.unansweredCounts(consultationId),
        responses.reportMarker(consultationId),
      ]);
      return { body: buildProgress(catalog, consultationId, all, unanswered, marker?.publishedAt) };
    },

    'GET /api/admin/consultations/{consultationId}/unanswered': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const query = parseInput(unansweredQuerySchema, event.queryStringParameters ?? {});
      return { body: await responses.unanswered(consultationId, query) };
    },

    'POST /api/admin/consultations/{consultationId}/response-report': async (event, { staff, now }) => {
      const consultation = catalog.consultation(consultationFrom(catalog, pathParameter(event, 'consultationId')));
      if (consultationPhase(consultation, now) !== 'closed') {
        throw new ConsultationNotClosedError('the consultation is not closed');
      }
      const [all, unanswered] = await Promise.all([
        responses.all(consultation.id),
        responses.unansweredCounts(consultation.id),
      ]);
      const progress = buildProgress(catalog, consultation.id, all, unanswered);
      const { marker, auditId } = await responses.publish(consultation.id, {
        actor: { sub: staff.sub, username: staff.username },
        at: now.toISOString(),
        note: `${progress.total.answeredTotal} answered, ${progress.total.unansweredTotal} unanswered`,
      });
      return {
        body: {
          consultationId: consultation.id,
          publishedAt: marker.publishedAt,
          answered: progress.total.answeredTotal,
          unanswered: progress.total.unansweredTotal,
          auditId,
        },
      };
    },
  };
}
