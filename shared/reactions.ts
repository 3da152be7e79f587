import type { z } from 'zod';
import type { REACTIONS, reactionCountsSchema } from './schemas/participation.ts';

export type Reaction = (typeof REACTIONS)[number];
export type ReactionCounts = z.infer<typeof reactionCountsSchema>;
export type ReactionDeltas = Partial<Record<Reaction, number>>;

/** The counter changes when a participant's reaction goes from `previous` (none when undefined) to `next`. */
export function reactionDeltas(previous: Reaction | undefined, next: Reaction): ReactionDeltas {
  if (previous === next) return {};
  return previous === undefined ? { [next]: 1 } : { [previous]: -1, [next]: 1 };
}

/** The counts after applying the deltas; a counter never goes below zero. */
export function applyReactionDeltas(counts: ReactionCounts, deltas: ReactionDeltas): ReactionCounts {
  return {
    agree: Math.max(0, counts.agree + (deltas.agree ?? 0)),
    disagree: Math.max(0, counts.disagree + (deltas.disagree ?? 0)),
    pass: Math.max(0, counts.pass + (deltas.pass ?? 0)),
  };
}
