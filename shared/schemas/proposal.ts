import * as z from 'zod';
import { MUNICIPALITY_IDS } from '../municipalities.ts';
import { OGP_VALUES, ORGANISATION_TYPES } from '../vocabulary.ts';
import { isoDateSchema, slugSchema, ulidSchema, userText } from './common.ts';
import { DISPOSITIONS } from './response.ts';

export { ORGANISATION_TYPES };
export const PROPOSAL_KINDS = ['new-commitment', 'amendment'] as const;
/** What the organisation sees on its receipt: the drafters' progress. */
export const PROPOSAL_STATUSES = ['received', 'under-review', 'answered'] as const;
/** Moderation: only `approved` proposals are public. */
export const PROPOSAL_VISIBILITY = ['pending', 'approved', 'hidden'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalVisibility = (typeof PROPOSAL_VISIBILITY)[number];

/** At most this many PDF files per proposal, each at most MAX_ATTACHMENT_BYTES. */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const PDF_CONTENT_TYPE = 'application/pdf';

/** A bilingual message carried by a custom zod issue (shared/validation.ts reads `params`). */
const bilingual = (sq: string, en: string) => ({ message: en, params: { sq, en } });

function noDuplicates<T>(values: readonly T[], ctx: z.core.$RefinementCtx<T[]>, sq: string, en: string) {
  if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', ...bilingual(sq, en) });
}

export const proposalMilestoneSchema = z
  .strictObject({
    description: userText(3, 1_000),
    start: isoDateSchema,
    end: isoDateSchema,
    responsible: userText(2, 200),
  })
  .refine((m) => m.start <= m.end, {
    path: ['end'],
    ...bilingual(
      'Data e përfundimit nuk mund të jetë para datës së fillimit.',
      'The end date cannot be before the start date.',
    ),
  });

/** A contact phone number: digits with an optional leading +, spaces, hyphens and brackets (e.g. +355 69 123 4567). */
const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,23}$/, 'must be a phone number');

/**
 * An NGO's structured proposal, mapped to the OGP commitment template. The organisation is public once approved;
 * the contact (person, email, phone) and the registration number are private: never public, never logged.
 */
export const proposalInputSchema = z
  .strictObject({
    consultationId: slugSchema,
    kind: z.enum(PROPOSAL_KINDS),
    /** The draft commitment an amendment changes; only for `amendment`. */
    commitmentId: slugSchema.optional(),
    /** Optionally one section or milestone of that commitment. */
    sectionId: slugSchema.optional(),
    organisation: z.strictObject({
      name: userText(2, 200),
      type: z.enum(ORGANISATION_TYPES),
      municipality: z.enum([...MUNICIPALITY_IDS, 'national']),
      registrationNumber: userText(1, 50).optional(),
    }),
    contact: z.strictObject({
      name: userText(2, 120),
      email: z.string().trim().max(254).pipe(z.email()),
      phone: phoneSchema.optional(),
    }),
    title: userText(5, 200),
    problem: userText(20, 5_000),
    causes: userText(10, 5_000),
    objective: userText(20, 5_000),
    milestones: z.array(proposalMilestoneSchema).min(1).max(10),
    indicators: z.array(userText(2, 500)).min(1).max(20),
    leadInstitution: userText(2, 200),
    supportingActors: z.array(userText(2, 200)).max(20).default([]),
    ogpValues: z
      .array(z.enum(OGP_VALUES))
      .min(1)
      .max(OGP_VALUES.length)
      .superRefine((values, ctx) =>
        noDuplicates(values, ctx, 'Çdo vlerë zgjidhet vetëm një herë.', 'Choose each value only once.'),
      ),
    expectedResults: userText(10, 5_000),
    /** Files uploaded through `POST /api/proposals/attachments`, checked on submission. */
    attachmentIds: z
      .array(ulidSchema)
      .max(MAX_ATTACHMENTS)
      .default([])
      .superRefine((ids, ctx) =>
        noDuplicates(ids, ctx, 'I njëjti skedar është shtuar dy herë.', 'The same file was added twice.'),
      ),
    /** The organisation may publish its documents with the approved proposal; private by default. */
    attachmentsPublic: z.boolean().default(false),
    /** Honeypot: people never see it; bots fill it. */
    website: z.string().max(200).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'amendment' && p.commitmentId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['commitmentId'],
        ...bilingual(
          'Një ndryshim duhet të tregojë angazhimin që ndryshon.',
          'An amendment must name the commitment it amends.',
        ),
      });
    }
    if (p.kind === 'new-commitment') {
      for (const field of ['commitmentId', 'sectionId'] as const) {
        if (p[field] === undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: [field],
          ...bilingual(
            'Një angazhim i ri nuk i referohet një angazhimi ekzistues; zgjidhni “ndryshim” për ta ndryshuar një të tillë.',
            'A new commitment does not refer to an existing one; choose “amendment” to change a draft commitment.',
          ),
        });
      }
    }
  });
export type ProposalInput = z.infer<typeof proposalInputSchema>;

/** `POST /api/proposals/attachments`: what the browser declares about the file before uploading it. */
export const attachmentUploadInputSchema = z.strictObject({
  fileName: userText(1, 200).refine((name) => /\.pdf$/i.test(name), {
    ...bilingual('Lejohen vetëm skedarë PDF (.pdf).', 'Only PDF files (.pdf) are allowed.'),
  }),
  contentType: z.literal(PDF_CONTENT_TYPE),
  bytes: z.int().min(1).max(MAX_ATTACHMENT_BYTES),
});
export type AttachmentUploadInput = z.infer<typeof attachmentUploadInputSchema>;

/* ---- Response bodies ---- */

export const attachmentInfoSchema = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  bytes: z.int().min(0),
});
export type AttachmentInfo = z.infer<typeof attachmentInfoSchema>;

/** Where and how the browser sends the file: a presigned S3 POST in AWS, a local route on this machine. */
export const uploadFormSchema = z.strictObject({
  attachmentId: z.string(),
  upload: z.strictObject({
    /** POST: a multipart form with `fields` first, then the file as `file`. PUT: the file as the raw body. */
    method: z.enum(['POST', 'PUT']),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
  }),
  maxBytes: z.int(),
  expiresAt: z.iso.datetime(),
});
export type UploadForm = z.infer<typeof uploadFormSchema>;

export const uploadReceivedSchema = z.strictObject({ attachmentId: z.string(), bytes: z.int() });

export const proposalCreatedSchema = z.strictObject({
  id: z.string(),
  /**
   * The private receipt: whoever has it can read the proposal and its answer. Keep it; it is not sent again. The
   * site's receipt page with the token after `#` (`/deftese/#<token>`, `/en/receipt/#<token>`).
   */
  receiptUrl: z.string(),
});
export type ProposalCreated = z.infer<typeof proposalCreatedSchema>;

const milestoneViewSchema = z.strictObject({
  description: z.string(),
  start: z.string(),
  end: z.string(),
  responsible: z.string(),
});

/** The OGP template fields of a proposal, as the organisation wrote them. */
const proposalContentShape = {
  id: z.string(),
  consultationId: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  commitmentId: z.string().optional(),
  sectionId: z.string().optional(),
  title: z.string(),
  problem: z.string(),
  causes: z.string(),
  objective: z.string(),
  milestones: z.array(milestoneViewSchema),
  indicators: z.array(z.string()),
  leadInstitution: z.string(),
  supportingActors: z.array(z.string()),
  ogpValues: z.array(z.enum(OGP_VALUES)),
  expectedResults: z.string(),
  submittedAt: z.iso.datetime(),
};

/** A proposal as anyone may see it once approved: no contact, no registration number, files only if made public. */
export const publicProposalSchema = z.strictObject({
  ...proposalContentShape,
  organisation: z.strictObject({
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    municipality: z.string(),
  }),
  status: z.enum(PROPOSAL_STATUSES),
  /** Present only when the organisation made its documents public. */
  attachments: z.array(attachmentInfoSchema).optional(),
});
export type PublicProposal = z.infer<typeof publicProposalSchema>;

export const proposalPageSchema = z.strictObject({
  proposals: z.array(publicProposalSchema),
  /** Opaque; pass as `cursor` for the next page. Absent on the last page. */
  nextCursor: z.string().optional(),
});
export type ProposalPage = z.infer<typeof proposalPageSchema>;

export const proposalPageQuerySchema = z.strictObject({
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: z.enum(['sq', 'en']).optional(),
});

/** The private receipt: the whole proposal as submitted, its progress and, once given, the drafters' answer. */
export const proposalReceiptSchema = z.strictObject({
  proposal: z.strictObject({
    ...proposalContentShape,
    organisation: z.strictObject({
      name: z.string(),
      type: z.enum(ORGANISATION_TYPES),
      municipality: z.string(),
      registrationNumber: z.string().optional(),
    }),
    contact: z.strictObject({ name: z.string(), email: z.string(), phone: z.string().optional() }),
    attachments: z.array(attachmentInfoSchema),
    attachmentsPublic: z.boolean(),
  }),
  status: z.enum(PROPOSAL_STATUSES),
  /** Whether the proposal is on the public proposals page (`approved`), waiting for a moderator, or not shown. */
  visibility: z.enum(PROPOSAL_VISIBILITY),
  response: z
    .strictObject({
      disposition: z.enum(DISPOSITIONS),
      justification: z.strictObject({ sq: z.string(), en: z.string().optional() }),
      respondedAt: z.iso.datetime(),
    })
    .optional(),
});
export type ProposalReceipt = z.infer<typeof proposalReceiptSchema>;
