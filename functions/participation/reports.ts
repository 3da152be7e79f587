import { NotFoundError } from '#shared/errors.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import { reportInputSchema } from '#shared/schemas/participation.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { CommentRepository } from '../repositories/comment-repository.ts';
import type { ParticipationAction } from './pipeline.ts';

export type ReportDeps = { comments: Pick<CommentRepository, 'report'> };

/**
 * `POST /api/comments/{commentId}/reports`: one report per participant and comment; the third distinct reporter hides
 * it until a moderator reviews it. Accepted on closed consultations too: abuse must stay reportable.
 */
export function reportActions({ comments }: ReportDeps): Record<string, ParticipationAction> {
  return {
    'POST /api/comments/{commentId}/reports': async (event, { participantId, now }) => {
      const { reason, note } = parseInput(reportInputSchema, parseJsonBody(event));
      const commentId = pathParameter(event, 'commentId');
      if (!ulidSchema.safeParse(commentId).success) throw new NotFoundError('comment');
      await comments.report(commentId, participantId, {
        reason,
        ...(note !== undefined ? { note } : {}),
        createdAt: now.toISOString(),
      });
      return { status: 202, body: { commentId, reported: true } };
    },
  };
}
