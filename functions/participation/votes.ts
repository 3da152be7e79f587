import type { Catalog } from '#shared/catalog.ts';
import type { VoteResult } from '#shared/schemas/api.ts';
import { commitmentVoteInputSchema } from '#shared/schemas/participation.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { VoteRepository } from '../repositories/vote-repository.ts';
import type { ParticipationAction } from './pipeline.ts';

export type VoteDeps = { catalog: Catalog; votes: VoteRepository };

/** `PUT` and `DELETE /api/commitments/{commitmentId}/vote`: one changeable, withdrawable vote per participant. */
export function voteActions({ catalog, votes }: VoteDeps): Record<string, ParticipationAction> {
  return {
    'PUT /api/commitments/{commitmentId}/vote': async (event, { participantId, now }) => {
      const { choice } = parseInput(commitmentVoteInputSchema, parseJsonBody(event));
      const commitment = catalog.assertOpenForParticipation(pathParameter(event, 'commitmentId'), undefined, now);
      const stored = await votes.cast(participantId, commitment, choice, now);
      return { body: { commitmentId: commitment.id, choice: stored } satisfies VoteResult };
    },
    'DELETE /api/commitments/{commitmentId}/vote': async (event, { participantId, now }) => {
      const commitment = catalog.assertOpenForParticipation(pathParameter(event, 'commitmentId'), undefined, now);
      await votes.withdraw(participantId, commitment.id);
      return { body: { commitmentId: commitment.id, choice: null } satisfies VoteResult };
    },
  };
}
