import * as z from 'zod';
import { CONTRIBUTION_KINDS, DISPOSITIONS } from '../vocabulary.ts';
import { ulidSchema, userText } from './common.ts';

export { CONTRIBUTION_KINDS, DISPOSITIONS };

/**
 * One response covers at most this many contributions: the response, its audit entry and every contribution it
 * covers or stops covering change in one DynamoDB transaction (at most 100 items). Larger groups take several.
 */
export const MAX_CONTRIBUTIONS_PER_RESPONSE = 45;

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
/** A contribution gathered at a meeting recorded in the console: `<meetingId>/<contributionId>`, both slugs. */
export const MEETING_CONTRIBUTION_PATTERN = new RegExp(`^(${SLUG})/(${SLUG})$`);

/** Comments and proposals are named by their ULID, meeting contributions by `<meetingId>/<contributionId>`. */
export const contributionRefSchema = z
  .strictObject({
    kind: z.enum(CONTRIBUTION_KINDS),
    id: z.string().min(1).max(161),
  })
  .refine((ref) => (ref.kind === 'meeting-contribution' ? MEETING_CONTRIBUTION_PATTERN : ULID_PATTERN).test(ref.id), {
    message: 'a comment or proposal id is a ULID; a meeting contribution is <meetingId>/<contributionId>',
    path: ['id'],
  });
export type ContributionRef = z.infer<typeof contributionRefSchema>;

/** A drafter's reasoned response (OGP Standard 4, Law 146/2014), covering one or more contributions. */
export const responseInputSchema = z
  .strictObject({
    contributions: z
      .array(contributionRefSchema)
      .min(1)
      .max(MAX_CONTRIBUTIONS_PER_RESPONSE)
      .refine((refs) => new Set(refs.map((r) => `${r.kind}:${r.id}`)).size === refs.length, {
        message: 'each contribution once',
      }),
    disposition: z.enum(DISPOSITIONS),
    mergedInto: contributionRefSchema.optional(),
    justification: z.strictObject({ sq: userText(10, 5_000), en: userText(10, 5_000).optional() }),
    /** The version the drafter edited; absent when creating. A stale version is a conflict. */
    expectedVersion: z.int().min(1).optional(),
  })
  .refine((r) => (r.disposition === 'merged') === (r.mergedInto !== undefined), {
    message: 'mergedInto is required exactly when the disposition is merged',
    path: ['mergedInto'],
  });
export type ResponseInput = z.infer<typeof responseInputSchema>;

export const responseSchema = z.strictObject({
  id: ulidSchema,
  version: z.int().min(1),
  contributions: z.array(contributionRefSchema),
  disposition: z.enum(DISPOSITIONS),
  mergedInto: contributionRefSchema.optional(),
  justification: z.strictObject({ sq: z.string(), en: z.string().optional() }),
  updatedAt: z.iso.datetime(),
});
export type Response = z.infer<typeof responseSchema>;
