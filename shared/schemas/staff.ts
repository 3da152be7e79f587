import * as z from 'zod';
import { STAFF_GROUPS } from '../staff.ts';
import {
  CONTRIBUTION_KINDS,
  DISPOSITIONS,
  HIDE_REASONS,
  type HideReason,
  MODERATION_STATES,
  type ModerationState,
  REPORT_REASONS,
} from '../vocabulary.ts';
import { localizedTextSchema, slugSchema, ulidSchema, userText } from './common.ts';
import { endsAfterItStarts, meetingFieldsSchema } from './meeting.ts';
import { COMMENT_STATUSES } from './participation.ts';
import { attachmentInfoSchema, ORGANISATION_TYPES, PROPOSAL_VISIBILITY, publicProposalSchema } from './proposal.ts';
import { contributionRefSchema, responseSchema } from './response.ts';

export { HIDE_REASONS, type HideReason, MODERATION_STATES, type ModerationState };

/*
 * Request and response bodies of the staff API (`/api/admin/*`, issue 6). Staff users are moderators, drafters and
 * admins of the Cognito user pool; none of these bodies carries a participant id, an IP, a cookie or a display name.
 */

const staffActorSchema = z.strictObject({ sub: z.string(), username: z.string() });

export const staffMeSchema = z.strictObject({
  sub: z.string(),
  username: z.string(),
  groups: z.array(z.enum(STAFF_GROUPS)),
});

/** Where the console signs in: Cognito's hosted login with PKCE in AWS, the local sign-in page under `npm start`. */
export const authConfigSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('cognito'),
    clientId: z.string(),
    authorizeUrl: z.string(),
    tokenUrl: z.string(),
    logoutUrl: z.string(),
    scopes: z.array(z.string()),
    /** The console page Cognito redirects back to with `?code=`; append it to the site origin. */
    redirectPath: z.string(),
  }),
  z.strictObject({ mode: z.literal('local'), signInUrl: z.string(), tokenUrl: z.string(), redirectPath: z.string() }),
]);
export type AuthConfig = z.infer<typeof authConfigSchema>;

/* ---- Moderation ---- */

export const MODERATION_ACTIONS = ['approve', 'hide', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const noteSchema = userText(1, 1_000);

const hideFields = { action: z.literal('hide'), reason: z.enum(HIDE_REASONS), note: noteSchema.optional() };
const approveFields = { action: z.literal('approve'), note: noteSchema.optional() };
const restoreFields = { action: z.literal('restore'), note: noteSchema.optional() };

/** `other` says nothing by itself: it needs a note. */
const otherNeedsNote = (input: { action: string; reason?: string; note?: string }) =>
  !(input.action === 'hide' && input.reason === 'other' && input.note === undefined);
const OTHER_NEEDS_NOTE = {
  message: 'the reason "other" needs a note',
  path: ['note'],
  params: { sq: 'Për arsyen “tjetër” shkruani një shënim.', en: 'For the reason “other”, write a note.' },
};

/** Approve or restore (optional note), or hide with a reason from HIDE_REASONS (and a note for `other`). */
export const moderationInputSchema = z
  .discriminatedUnion('action', [
    z.strictObject(approveFields),
    z.strictObject(hideFields),
    z.strictObject(restoreFields),
  ])
  .refine(otherNeedsNote, OTHER_NEEDS_NOTE);
export type ModerationInput = z.infer<typeof moderationInputSchema>;

/** Comments moderated in one bulk request, each in its own transaction. */
export const MAX_BULK_MODERATION = 50;
const commentIdsSchema = z
  .array(ulidSchema)
  .min(1)
  .max(MAX_BULK_MODERATION)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'each comment once' });

export const bulkModerationInputSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ commentIds: commentIdsSchema, ...approveFields }),
    z.strictObject({ commentIds: commentIdsSchema, ...hideFields }),
    z.strictObject({ commentIds: commentIdsSchema, ...restoreFields }),
  ])
  .refine(otherNeedsNote, OTHER_NEEDS_NOTE);
export type BulkModerationInput = z.infer<typeof bulkModerationInputSchema>;

export const moderationQueueQuerySchema = z.strictObject({
  state: z.enum(MODERATION_STATES).default('pending'),
  commitmentId: slugSchema.optional(),
  /** Only comments reported at least once for this reason. */
  reason: z.enum(REPORT_REASONS).optional(),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: z.enum(['sq', 'en']).optional(),
});
export type ModerationQueueQuery = z.infer<typeof moderationQueueQuerySchema>;

/** A queued comment as a moderator sees it: the text and its context, never who wrote or reported it. */
export const moderationItemSchema = z.strictObject({
  id: z.string(),
  consultationId: z.string(),
  commitment: z.strictObject({ id: z.string(), title: localizedTextSchema }),
  sectionId: z.string().optional(),
  /** The comment a reply answers, for context (its text unless it was hidden or deleted). */
  parent: z.strictObject({ id: z.string(), body: z.string(), status: z.enum(COMMENT_STATUSES) }).optional(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  createdAt: z.string(),
  reactions: z.strictObject({ agree: z.int(), disagree: z.int(), pass: z.int() }),
  replyCount: z.int(),
  /** Distinct reporters by reason; reporters themselves are never shown. */
  reports: z.array(z.strictObject({ reason: z.enum(REPORT_REASONS), count: z.int().min(1) })),
  reportNotes: z.array(z.string()),
  /** Pass back nothing: actions re-read the comment. Shown so a console can tell that it changed. */
  version: z.int(),
  responseId: z.string().optional(),
});
export type ModerationItem = z.infer<typeof moderationItemSchema>;

export const moderationQueuePageSchema = z.strictObject({
  state: z.enum(MODERATION_STATES),
  items: z.array(moderationItemSchema),
  nextCursor: z.string().optional(),
});

export const moderationResultSchema = z.strictObject({
  commentId: z.string(),
  status: z.enum(COMMENT_STATUSES),
  version: z.int(),
  auditId: z.string(),
});
export type ModerationResult = z.infer<typeof moderationResultSchema>;

export const BULK_OUTCOMES = ['done', 'not-found', 'conflict', 'forbidden'] as const;
export const bulkModerationResultSchema = z.strictObject({
  results: z.array(
    z.strictObject({
      commentId: z.string(),
      outcome: z.enum(BULK_OUTCOMES),
      status: z.enum(COMMENT_STATUSES).optional(),
      auditId: z.string().optional(),
    }),
  ),
});

/* ---- Proposal moderation and the staff proposal list ---- */

/**
 * The same input as comment moderation: approve (pending → approved: listed publicly), hide with a reason from
 * HIDE_REASONS (pending or approved → hidden), restore (hidden → approved).
 */
export const proposalModerationInputSchema = moderationInputSchema;
export type ProposalModerationInput = ModerationInput;

export const proposalModerationResultSchema = z.strictObject({
  proposalId: z.string(),
  visibility: z.enum(PROPOSAL_VISIBILITY),
  version: z.int(),
  auditId: z.string(),
});
export type ProposalModerationResult = z.infer<typeof proposalModerationResultSchema>;

export const staffProposalQuerySchema = z.strictObject({
  visibility: z.enum(PROPOSAL_VISIBILITY).default('pending'),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: z.enum(['sq', 'en']).optional(),
});

/**
 * A proposal as staff see it: everything the organisation sent except its contact person, which only drafters and
 * admins see (they follow the proposal up); moderators judge the public content and never get the contact. All
 * attachments are listed (public or not), to download through the staff attachment route.
 */
export const staffProposalSchema = publicProposalSchema.extend({
  organisation: z.strictObject({
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    municipality: z.string(),
    registrationNumber: z.string().optional(),
  }),
  attachments: z.array(attachmentInfoSchema),
  attachmentsPublic: z.boolean(),
  visibility: z.enum(PROPOSAL_VISIBILITY),
  version: z.int(),
  responseId: z.string().optional(),
  /** Drafters and admins only. */
  contact: z.strictObject({ name: z.string(), email: z.string(), phone: z.string().optional() }).optional(),
});
export type StaffProposal = z.infer<typeof staffProposalSchema>;

export const staffProposalPageSchema = z.strictObject({
  visibility: z.enum(PROPOSAL_VISIBILITY),
  proposals: z.array(staffProposalSchema),
  nextCursor: z.string().optional(),
});
export type StaffProposalPage = z.infer<typeof staffProposalPageSchema>;

/** A short-lived download link of one attachment (in AWS a presigned S3 GET, locally a signed local route). */
export const attachmentDownloadSchema = z.strictObject({ url: z.string(), expiresAt: z.iso.datetime() });
export type AttachmentDownload = z.infer<typeof attachmentDownloadSchema>;

/* ---- Audit log (admins only) ---- */

export const AUDIT_ACTIONS = [
  'comment.approve',
  'comment.hide',
  'comment.restore',
  'proposal.approve',
  'proposal.hide',
  'proposal.restore',
  'response.create',
  'response.update',
  'response-report.publish',
  'meeting.create',
  'meeting.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_TARGET_KINDS = ['comment', 'proposal', 'response', 'response-report', 'meeting'] as const;

export const auditEntrySchema = z.strictObject({
  id: z.string(),
  consultationId: z.string(),
  at: z.string(),
  actor: staffActorSchema,
  action: z.enum(AUDIT_ACTIONS),
  target: z.strictObject({ kind: z.enum(AUDIT_TARGET_KINDS), id: z.string() }),
  /** The state before and after (a comment's status, a response's disposition, a version). */
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  lang: z.enum(['sq', 'en']).optional(),
});
export const auditPageSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().optional(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/* ---- Reasoned responses ---- */

export const staffResponseSchema = responseSchema.extend({
  consultationId: z.string(),
  createdAt: z.string(),
  updatedBy: staffActorSchema,
});
export type StaffResponse = z.infer<typeof staffResponseSchema>;

export const responseListQuerySchema = auditQuerySchema;
export const responseListSchema = z.strictObject({
  responses: z.array(staffResponseSchema),
  nextCursor: z.string().optional(),
});
export type ResponseList = z.infer<typeof responseListSchema>;

const dispositionCountsSchema = z.strictObject(
  Object.fromEntries(DISPOSITIONS.map((d) => [d, z.int().min(0)])) as Record<(typeof DISPOSITIONS)[number], z.ZodInt>,
);
export type DispositionCounts = z.infer<typeof dispositionCountsSchema>;

const kindCountsSchema = z.strictObject({
  comment: z.int().min(0),
  proposal: z.int().min(0),
  'meeting-contribution': z.int().min(0),
});
export type KindCounts = z.infer<typeof kindCountsSchema>;

const progressRowSchema = z.strictObject({
  /** null: proposals of a new commitment, and meeting contributions not linked to a commitment. */
  commitmentId: z.string().nullable(),
  answered: dispositionCountsSchema,
  answeredTotal: z.int().min(0),
  unanswered: kindCountsSchema,
  unansweredTotal: z.int().min(0),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;

export const progressSchema = z.strictObject({
  consultationId: z.string(),
  commitments: z.array(progressRowSchema),
  total: progressRowSchema.omit({ commitmentId: true }),
  reportPublishedAt: z.string().optional(),
});
export type Progress = z.infer<typeof progressSchema>;

export const unansweredQuerySchema = z.strictObject({
  kind: z.enum(CONTRIBUTION_KINDS).default('comment'),
  commitmentId: slugSchema.optional(),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  lang: z.enum(['sq', 'en']).optional(),
});
export type UnansweredQuery = z.infer<typeof unansweredQuerySchema>;

/** A contribution still without a response: its text and where it belongs, never its author. */
export const contributionViewSchema = z.strictObject({
  kind: z.enum(CONTRIBUTION_KINDS),
  id: z.string(),
  commitmentId: z.string().optional(),
  sectionId: z.string().optional(),
  title: z.string().optional(),
  text: z.string(),
  createdAt: z.string().optional(),
});
export type ContributionView = z.infer<typeof contributionViewSchema>;

export const unansweredPageSchema = z.strictObject({
  items: z.array(contributionViewSchema),
  nextCursor: z.string().optional(),
});

export const publishResultSchema = z.strictObject({
  consultationId: z.string(),
  publishedAt: z.string(),
  answered: z.int().min(0),
  unanswered: z.int().min(0),
  auditId: z.string(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

/** The public response report (Law 146/2014): each contribution's text, disposition and justification. */
export const responseReportEntrySchema = z.strictObject({
  kind: z.enum(CONTRIBUTION_KINDS),
  id: z.string(),
  /** `meeting` for input gathered at an in-person meeting, beside the online comments and proposals. */
  origin: z.enum(['online', 'meeting']),
  /** Absent when the contribution is not public (hidden, deleted, or a proposal not approved for listing). */
  text: z.string().optional(),
  title: z.string().optional(),
  disposition: z.enum(DISPOSITIONS),
  mergedInto: contributionRefSchema.optional(),
  justification: z.strictObject({ sq: z.string(), en: z.string().optional() }),
  respondedAt: z.string(),
});
export const responseReportSchema = z.strictObject({
  consultationId: z.string(),
  publishedAt: z.string(),
  commitments: z.array(
    z.strictObject({ commitmentId: z.string().nullable(), entries: z.array(responseReportEntrySchema) }),
  ),
  nextCursor: z.string().optional(),
});
export type ResponseReport = z.infer<typeof responseReportSchema>;
export type ResponseReportEntry = z.infer<typeof responseReportEntrySchema>;
export const responseReportQuerySchema = z.strictObject({
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  lang: z.enum(['sq', 'en']).optional(),
});

/* ---- Meetings recorded in the console ---- */

export const meetingInputSchema = endsAfterItStarts(
  meetingFieldsSchema.omit({ id: true }).extend({
    /** The version edited; absent when creating. A stale version is a conflict (409). */
    expectedVersion: z.int().min(1).optional(),
  }),
);
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const meetingRecordSchema = meetingFieldsSchema.extend({
  version: z.int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: staffActorSchema,
  /** Contribution id → the response that answers it. */
  responses: z.record(z.string(), z.string()),
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;
export const meetingListSchema = z.strictObject({ meetings: z.array(meetingRecordSchema) });
export type MeetingList = z.infer<typeof meetingListSchema>;
