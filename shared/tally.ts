import type { Tally } from './schemas/participation.ts';

export const EMPTY_TALLY: Readonly<Tally> = Object.freeze({ support: 0, oppose: 0, neutral: 0, comments: 0 });

type TallyShard = Partial<Record<keyof Tally, number>>;

/** Adds up a commitment's tally shards; absent shards and counters count as zero. */
export function sumTallyShards(shards: Iterable<TallyShard>): Tally {
  const total: Tally = { ...EMPTY_TALLY };
  for (const shard of shards) {
    total.support += shard.support ?? 0;
    total.oppose += shard.oppose ?? 0;
    total.neutral += shard.neutral ?? 0;
    total.comments += shard.comments ?? 0;
  }
  return total;
}
