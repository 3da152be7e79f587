import type { Catalog } from '#shared/catalog.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { ReactionResult } from '#shared/schemas/api.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import { commentReactionInputSchema } from '#shared/schemas/participation.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { ReactionRepository } from '../repositories/reaction-repository.ts';
import type { ParticipationAction } from './pipeline.ts';

export type ReactionDeps = { catalog: Catalog; reactions: ReactionRepository };

/** `PUT /api/comments/{commentId}/reaction`: agree, disagree or pass; one changeable reaction per participant. */
export function reactionActions({ catalog, reactions }: ReactionDeps): Record<string, ParticipationAction> {
  return {
    'PUT /api/comments/{commentId}/reaction': async (event, { participantId, now }) => {
      const { reaction } = parseInput(commentReactionInputSchema, parseJsonBody(event));
      const commentId = pathParameter(event, 'commentId');
      if (!ulidSchema.safeParse(commentId).success) throw new NotFoundError('comment');
      const counts = await reactions.react(participantId, commentId, reaction, now, (comment) => {
        catalog.assertOpenForParticipation(comment.commitmentId, undefined, now);
      });
      return { body: { commentId, reaction, reactions: counts } satisfies ReactionResult };
    },
  };
}
