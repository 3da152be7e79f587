import type { Catalog } from '#shared/catalog.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { toModerationItem } from '#shared/moderation.ts';
import { slugSchema, ulidSchema } from '#shared/schemas/common.ts';
import {
  type BULK_OUTCOMES,
  bulkModerationInputSchema,
  type ModerationInput,
  type ModerationResult,
  moderationInputSchema,
  moderationQueueQuerySchema,
} from '#shared/schemas/staff.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { ModerationRepository } from '../repositories/moderation-repository.ts';
import type { StaffAction, StaffContext } from './pipeline.ts';

export type ModerationDeps = { catalog: Catalog; moderation: ModerationRepository };

/** A consultation id from the path that the catalog knows, else 404. */
export function consultationFrom(catalog: Catalog, value: string): string {
  if (!slugSchema.safeParse(value).success) throw new NotFoundError('consultation');
  return catalog.consultation(value).id;
}

/**
 * Moderation routes (moderators and admins): the queue of a consultation, one action on one comment, and the same
 * action on a selection. Every action is one transaction with its audit entry (moderation-repository.ts).
 */
export function moderationActions({ catalog, moderation }: ModerationDeps): Record<string, StaffAction> {
  async function act(commentId: string, input: ModerationInput, context: StaffContext): Promise<ModerationResult> {
    const { comment, auditId } = await moderation.apply(commentId, {
      action: input.action,
      ...(input.action === 'hide' ? { reason: input.reason } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      actor: { sub: context.staff.sub, username: context.staff.username },
      at: context.now.toISOString(),
      ...(context.participantId ? { participantId: context.participantId } : {}),
    });
    return { commentId: comment.id, status: comment.status, version: comment.version, auditId };
  }

  return {
    'GET /api/admin/consultations/{consultationId}/moderation': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const query = parseInput(moderationQueueQuerySchema, event.queryStringParameters ?? {});
      const page = await moderation.queue(consultationId, query.state, {
        limit: query.limit,
        ...(query.commitmentId !== undefined ? { commitmentId: query.commitmentId } : {}),
        ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      });
      const parents = await moderation.parents(
        page.items.flatMap((c) => (c.parentId !== undefined ? [c.parentId] : [])),
      );
      const items = [];
      for (const comment of page.items) {
        const reports = await moderation.reports(comment.id);
        if (query.reason !== undefined && !reports.reasons.has(query.reason)) continue;
        const parent = comment.parentId !== undefined ? parents.get(comment.parentId) : undefined;
        items.push(toModerationItem(comment, catalog, reports, parent));
      }
      return { body: { state: query.state, items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },

    'POST /api/admin/comments/{commentId}/moderation': async (event, context) => {
      const input = parseInput(moderationInputSchema, parseJsonBody(event));
      const commentId = pathParameter(event, 'commentId');
      if (!ulidSchema.safeParse(commentId).success) throw new NotFoundError('comment');
      return { body: await act(commentId, input, context) };
    },

    'POST /api/admin/moderation/bulk': async (event, context) => {
      const { commentIds, ...input } = parseInput(bulkModerationInputSchema, parseJsonBody(event));
      const results = [];
      // One transaction per comment (each with its audit entry): a comment that cannot take the action is reported
      // in its result and does not stop the others.
      for (const commentId of commentIds) {
        try {
          const result = await act(commentId, input as ModerationInput, context);
          results.push({ commentId, outcome: 'done' as const, status: result.status, auditId: result.auditId });
        } catch (error) {
          const outcome: (typeof BULK_OUTCOMES)[number] | undefined =
            error instanceof NotFoundError
              ? 'not-found'
              : error instanceof ConflictError
                ? 'conflict'
                : error instanceof ForbiddenError
                  ? 'forbidden'
                  : undefined;
          if (!outcome) throw error;
          results.push({ commentId, outcome });
        }
      }
      return { body: { results } };
    },
  };
}
