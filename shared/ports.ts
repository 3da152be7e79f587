import type { Tally } from './schemas/participation.ts';

/** Reads live tallies; the DynamoDB implementation lives in functions/repositories. */
export interface TallyReader {
  /** Tallies for the given commitments; a commitment nobody has voted on gets zeros. */
  tallies(commitmentIds: readonly string[]): Promise<Map<string, Tally>>;
}

/** Checks that the database answers, for the health route. */
export interface HealthProbe {
  ping(): Promise<void>;
}

export type Clock = () => Date;
