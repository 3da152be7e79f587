import { z } from 'zod';
import { MUNICIPALITY_IDS } from '../municipalities.ts';
import { OGP_VALUES } from './commitment.ts';
import { isoDateSchema, slugSchema, userText } from './common.ts';

export const ORGANISATION_TYPES = [
  'ngo',
  'association',
  'foundation',
  'academic',
  'business-association',
  'informal-youth-group',
  'other',
] as const;
export const PROPOSAL_KINDS = ['new-commitment', 'amendment'] as const;
export const PROPOSAL_STATUSES = ['received', 'under-review', 'answered'] as const;
export const PROPOSAL_VISIBILITY = ['pending', 'approved', 'hidden'] as const;

export const proposalMilestoneSchema = z
  .strictObject({
    description: userText(1, 1_000),
    start: isoDateSchema,
    end: isoDateSchema,
    responsible: userText(1, 200),
  })
  .refine((m) => m.start <= m.end, { message: 'end must not be before start', path: ['end'] });

/** An NGO's structured proposal, mapped to the OGP commitment template. Contact fields are private. */
export const proposalInputSchema = z
  .strictObject({
    consultationId: slugSchema,
    kind: z.enum(PROPOSAL_KINDS),
    commitmentId: slugSchema.optional(),
    sectionId: slugSchema.optional(),
    organisation: z.strictObject({
      name: userText(2, 200),
      type: z.enum(ORGANISATION_TYPES),
      municipality: z.enum([...MUNICIPALITY_IDS, 'national']),
      registrationNumber: userText(1, 50).optional(),
    }),
    contact: z.strictObject({
      name: userText(2, 120),
      email: z.email().max(254),
    }),
    title: userText(5, 200),
    problem: userText(20, 5_000),
    causes: userText(1, 5_000),
    objective: userText(20, 5_000),
    milestones: z.array(proposalMilestoneSchema).min(1).max(10),
    indicators: z.array(userText(1, 500)).min(1).max(20),
    leadInstitution: userText(2, 200),
    supportingActors: z.array(userText(1, 200)).max(20),
    ogpValues: z.array(z.enum(OGP_VALUES)).min(1),
    expectedResults: userText(1, 5_000),
    attachmentIds: z.array(z.string().max(64)).max(5).default([]),
    attachmentsPublic: z.boolean().default(false),
    website: z.string().max(200).optional(),
  })
  .refine((p) => p.kind === 'new-commitment' || p.commitmentId !== undefined, {
    message: 'an amendment names the commitment it amends',
    path: ['commitmentId'],
  });
export type ProposalInput = z.infer<typeof proposalInputSchema>;
