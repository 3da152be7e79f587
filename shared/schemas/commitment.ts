import * as z from 'zod';
import { OGP_VALUES } from '../vocabulary.ts';
import { isoDateSchema, localizedTextSchema, slugSchema } from './common.ts';

export { OGP_VALUES };

/** The fixed sections of the OGP commitment template, in reading order. Milestones add one section each. */
export const FIXED_SECTIONS = [
  'problem',
  'causes',
  'objective',
  'description',
  'milestones',
  'indicators',
  'institutions',
  'ogp-values',
] as const;
export type FixedSection = (typeof FIXED_SECTIONS)[number];

export const milestoneSchema = z
  .strictObject({
    id: slugSchema,
    title: localizedTextSchema,
    start: isoDateSchema,
    end: isoDateSchema,
    responsible: localizedTextSchema,
  })
  .refine((m) => m.start <= m.end, { message: 'end must not be before start', path: ['end'] });
export type Milestone = z.infer<typeof milestoneSchema>;

export const commitmentSchema = z
  .strictObject({
    id: slugSchema,
    consultationId: slugSchema,
    order: z.int().min(1).max(100),
    version: z.int().min(1),
    title: localizedTextSchema,
    summary: localizedTextSchema,
    problem: localizedTextSchema,
    causes: localizedTextSchema,
    objective: localizedTextSchema,
    description: localizedTextSchema,
    milestones: z.array(milestoneSchema).min(1).max(20),
    indicators: z.array(localizedTextSchema).min(1).max(20),
    leadInstitution: localizedTextSchema,
    supportingActors: z.array(localizedTextSchema).max(30),
    ogpValues: z.array(z.enum(OGP_VALUES)).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.milestones.forEach((m, index) => {
      if (seen.has(m.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate milestone id "${m.id}"`,
          path: ['milestones', index, 'id'],
        });
      }
      seen.add(m.id);
    });
  });
export type Commitment = z.infer<typeof commitmentSchema>;

/** The section id that targets one milestone, e.g. `milestone-m1`. Stable: used as a page anchor and a key. */
export function milestoneSectionId(milestoneId: string): string {
  return `milestone-${milestoneId}`;
}

/** Every section of a commitment a comment may target: the fixed ones, then one per milestone. */
export function sectionIdsOf(commitment: Pick<Commitment, 'milestones'>): string[] {
  return [...FIXED_SECTIONS, ...commitment.milestones.map((m) => milestoneSectionId(m.id))];
}
