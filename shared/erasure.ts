import { keys } from './keys.ts';

/**
 * Erasure of a participant (DELETE /api/me): what stays, and in which form. Contributions stay published under this
 * placeholder instead of the participant id; votes and reactions stay only as anonymous counts, moved to a random
 * pseudonym that nothing links back to the erased participant.
 */
export const ERASED_PARTICIPANT_ID = 'erased';

type Item = Record<string, unknown>;

/**
 * The anonymous copy of a vote under the pseudonym: only what the tallies and summaries need. It keeps the original's
 * gsi1 partition (its tally shard), so a shard's tally still equals the number of vote items listed under it.
 */
export function anonymousVote(vote: Item, pseudonym: string): Item {
  const commitmentId = String(vote.commitmentId);
  return {
    ...keys.vote(pseudonym, commitmentId),
    type: 'VOTE',
    participantId: pseudonym,
    commitmentId,
    ...(vote.consultationId === undefined ? {} : { consultationId: vote.consultationId }),
    choice: vote.choice,
    createdAt: vote.createdAt,
    updatedAt: vote.updatedAt,
    gsi1pk: vote.gsi1pk,
    gsi1sk: pseudonym,
  };
}

/** The anonymous copy of a reaction under the pseudonym. */
export function anonymousReaction(reaction: Item, pseudonym: string): Item {
  const commentId = String(reaction.commentId);
  return {
    ...keys.reaction(pseudonym, commentId),
    type: 'REACTION',
    participantId: pseudonym,
    commentId,
    commitmentId: reaction.commitmentId,
    reaction: reaction.reaction,
    createdAt: reaction.createdAt,
    updatedAt: reaction.updatedAt,
  };
}

/** The anonymous copy of a report under the pseudonym: the reason and date, never the reporter's note. */
export function anonymousReport(report: Item, commentId: string, pseudonym: string): Item {
  return { ...keys.report(commentId, pseudonym), type: 'REPORT', reason: report.reason, createdAt: report.createdAt };
}
