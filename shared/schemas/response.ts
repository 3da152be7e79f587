import { z } from 'zod';
import { ulidSchema, userText } from './common.ts';

export const DISPOSITIONS = ['accepted', 'partially-accepted', 'not-accepted', 'out-of-scope', 'merged'] as const;
export const CONTRIBUTION_KINDS = ['comment', 'proposal', 'meeting-contribution'] as const;

export const contributionRefSchema = z.strictObject({
  kind: z.enum(CONTRIBUTION_KINDS),
  id: z.string().min(1).max(120),
});

/** A drafter's reasoned response (OGP Standard 4, Law 146/2014), covering one or more contributions. */
export const responseInputSchema = z
  .strictObject({
    contributions: z.array(contributionRefSchema).min(1).max(500),
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
