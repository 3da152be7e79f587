import { describe, expect, it } from 'vitest';
import { anonymousReaction, anonymousVote } from '#shared/erasure.ts';
import { applyReactionDeltas, reactionDeltas } from '#shared/reactions.ts';

describe('reaction rules', () => {
  it('counts a first reaction up, a change down and up, a repeat not at all', () => {
    expect(reactionDeltas(undefined, 'pass')).toEqual({ pass: 1 });
    expect(reactionDeltas('agree', 'disagree')).toEqual({ agree: -1, disagree: 1 });
    expect(reactionDeltas('agree', 'agree')).toEqual({});
  });

  it('applies deltas without going below zero', () => {
    expect(applyReactionDeltas({ agree: 2, disagree: 0, pass: 1 }, { agree: -1, disagree: 1 })).toEqual({
      agree: 1,
      disagree: 1,
      pass: 1,
    });
    expect(applyReactionDeltas({ agree: 0, disagree: 0, pass: 0 }, { agree: -1 })).toEqual({
      agree: 0,
      disagree: 0,
      pass: 0,
    });
  });
});

describe('erasure copies', () => {
  it('keeps only the count-relevant fields of a vote under the pseudonym, on the same tally shard', () => {
    const vote = {
      pk: 'PARTICIPANT#OLD',
      sk: 'VOTE#youth-seats',
      type: 'VOTE',
      participantId: 'OLD',
      commitmentId: 'youth-seats',
      consultationId: 'open-one',
      choice: 'support',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-02T00:00:00.000Z',
      gsi1pk: 'COMMITMENT#youth-seats#VOTES#7',
      gsi1sk: 'OLD',
      municipality: 'elbasan',
    };
    expect(anonymousVote(vote, 'NEW')).toEqual({
      pk: 'PARTICIPANT#NEW',
      sk: 'VOTE#youth-seats',
      type: 'VOTE',
      participantId: 'NEW',
      commitmentId: 'youth-seats',
      consultationId: 'open-one',
      choice: 'support',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-02T00:00:00.000Z',
      gsi1pk: 'COMMITMENT#youth-seats#VOTES#7',
      gsi1sk: 'NEW',
    });
  });

  it('moves a reaction to the pseudonym', () => {
    const reaction = {
      pk: 'PARTICIPANT#OLD',
      sk: 'REACTION#C1',
      type: 'REACTION',
      participantId: 'OLD',
      commentId: 'C1',
      commitmentId: 'youth-seats',
      reaction: 'pass',
      createdAt: 'a',
      updatedAt: 'b',
    };
    expect(anonymousReaction(reaction, 'NEW')).toEqual({
      ...reaction,
      pk: 'PARTICIPANT#NEW',
      participantId: 'NEW',
    });
  });
});
