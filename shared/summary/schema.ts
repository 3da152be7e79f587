import * as z from 'zod';
import { DISPOSITIONS } from '../schemas/response.ts';

/*
 * The JSON schema of a consultation summary (summary.json), described field by field in docs/summaries.md.
 * The summary function imports only the types, so it does not pull zod into a bundle.
 */

export const SUMMARY_SCHEMA_VERSION = 1;
export const NOT_DECLARED = 'not-declared';
/** The section key of comments on a whole commitment (no section). */
export const GENERAL_SECTION = 'general';
export const AUDIENCES = ['public', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

const localized = z.strictObject({ sq: z.string(), en: z.string().optional() });
const count = z.int().min(0);
/** A share between 0 and 1 (4 decimals), or null when there is nothing to share. */
const share = z.number().min(0).max(1).nullable();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A day, or `unknown` for the few items without a date. */
const dayKey = z.union([isoDay, z.literal('unknown')]);

export const countsSchema = z.strictObject({
  /** Distinct participants who voted, commented, replied or reacted (organisations and meetings not included). */
  participants: count,
  comments: count,
  replies: count,
  reactions: count,
  votes: count,
  proposals: count,
  meetingContributions: count,
});
export type Counts = z.infer<typeof countsSchema>;

export const dayCountsSchema = z.strictObject({
  /** Day in Europe/Tirane (`unknown` for items without a date). */
  date: dayKey,
  /** Participants whose first activity was on this day, so the days add up to the total. */
  participants: count,
  comments: count,
  replies: count,
  reactions: count,
  votes: count,
  proposals: count,
  meetingContributions: count,
});
export type DayCounts = z.infer<typeof dayCountsSchema>;

/** One group of a breakdown; `key` is a stakeholder type, municipality or age band id, or `not-declared`. */
export const groupCountSchema = z.strictObject({ key: z.string(), count });
export type GroupCount = z.infer<typeof groupCountSchema>;

export const voteCountsSchema = z.strictObject({
  support: count,
  oppose: count,
  neutral: count,
  total: count,
});
export type VoteCounts = z.infer<typeof voteCountsSchema>;
export const voteGroupSchema = voteCountsSchema.extend({ key: z.string() });
export type VoteGroup = z.infer<typeof voteGroupSchema>;

export const commentRefSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['comment', 'reply']),
  sectionId: z.string(),
  agree: count,
  disagree: count,
  pass: count,
  /** min(agree, disagree): see "most divisive" in docs/summaries.md. */
  divisiveness: count,
  /** The first 200 characters of the text. */
  excerpt: z.string(),
});
export type CommentRef = z.infer<typeof commentRefSchema>;

export const sectionSummarySchema = z.strictObject({
  /** A section id of the commitment, or `general` for comments on the whole commitment. */
  sectionId: z.string(),
  label: localized.optional(),
  comments: count,
  replies: count,
  agree: count,
  disagree: count,
  pass: count,
  /** (agree − disagree) / (agree + disagree), between −1 and 1; null without reactions. */
  balance: z.number().min(-1).max(1).nullable(),
  mostAgreed: z.array(z.string()),
  mostDivisive: z.array(z.string()),
});
export type SectionSummary = z.infer<typeof sectionSummarySchema>;

export const keyTermSchema = z.strictObject({
  /** The spelling used most often (lower case). */
  term: z.string(),
  /** The folded stem the spellings were grouped by. */
  stem: z.string(),
  /** Number of comments that use the term (exact). */
  comments: count,
  /** Ids of the first (oldest) comments that use it, at most 20. */
  commentIds: z.array(z.string()),
});
export type KeyTerm = z.infer<typeof keyTermSchema>;

export const statementSchema = z.strictObject({
  key: z.enum([
    'participation',
    'votes',
    'terms',
    'most-agreed',
    'most-divisive',
    'sections',
    'proposals',
    'meetings',
    'responses',
  ]),
  sq: z.string(),
  en: z.string(),
  /** The contributions the statement rests on. */
  contributionIds: z.array(z.string()),
  /** The figures the statement rests on, by name (e.g. `votes.support`). */
  figures: z.record(z.string(), z.number()),
});
export type Statement = z.infer<typeof statementSchema>;

export const responseCountsSchema = z.strictObject({
  /** Contributions that call for a reasoned response (see docs/summaries.md). */
  answerable: count,
  answered: count,
  unanswered: count,
});
export type ResponseCounts = z.infer<typeof responseCountsSchema>;

export const commitmentSummarySchema = z.strictObject({
  id: z.string(),
  order: z.int(),
  title: localized,
  totals: countsSchema,
  votes: voteCountsSchema.extend({
    shares: z.strictObject({ support: share, oppose: share, neutral: share }),
    byStakeholderType: z.array(voteGroupSchema),
    byMunicipality: z.array(voteGroupSchema),
  }),
  sections: z.array(sectionSummarySchema),
  mostAgreed: z.array(commentRefSchema),
  mostDivisive: z.array(commentRefSchema),
  keyTerms: z.strictObject({ sq: z.array(keyTermSchema), en: z.array(keyTermSchema) }),
  paragraph: z.strictObject({ sq: z.string(), en: z.string(), statements: z.array(statementSchema) }),
  responses: responseCountsSchema,
});
export type CommitmentSummary = z.infer<typeof commitmentSummarySchema>;

export const CONTRIBUTION_ROW_KINDS = ['comment', 'reply', 'proposal', 'meeting-contribution'] as const;

export const contributionRowSchema = z.strictObject({
  kind: z.enum(CONTRIBUTION_ROW_KINDS),
  id: z.string(),
  commitmentId: z.string().optional(),
  sectionId: z.string().optional(),
  parentId: z.string().optional(),
  /** ISO instant (comments, proposals) or day (meeting contributions). */
  createdAt: z.string(),
  /** Comments: published, pending, hidden, deleted; proposals: their visibility; meeting contributions: recorded. */
  status: z.string(),
  /** The language guessed for key terms: sq, en or other. */
  language: z.string(),
  /** Comment text, proposal title, or the meeting contribution in Albanian. Public files: personal data redacted. */
  text: z.string(),
  /** Staff files only: the name the author chose to show. */
  displayName: z.string().optional(),
  agree: count,
  disagree: count,
  pass: count,
  replyCount: count,
  responseId: z.string().optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
  /** Where an imported contribution came from, e.g. `polis:3phdex2kjf:12`. */
  importedFrom: z.string().optional(),
});
export type ContributionRow = z.infer<typeof contributionRowSchema>;

export const proposalRowSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  commitmentId: z.string().optional(),
  sectionId: z.string().optional(),
  title: z.string(),
  organisationName: z.string(),
  organisationType: z.string(),
  municipality: z.string(),
  submittedAt: z.string(),
  /** received, under-review, answered. */
  status: z.string(),
  /** pending, approved, hidden (public files list approved proposals only). */
  visibility: z.string(),
  responseId: z.string().optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
  /** Staff files with contacts only. */
  contact: z.strictObject({ name: z.string(), email: z.string(), phone: z.string().optional() }).optional(),
});
export type ProposalRow = z.infer<typeof proposalRowSchema>;

export const responseRowSchema = z.strictObject({
  contributionKind: z.enum(['comment', 'proposal', 'meeting-contribution']),
  contributionId: z.string(),
  commitmentId: z.string().optional(),
  responseId: z.string().optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
  mergedInto: z.string().optional(),
  justification: localized.optional(),
  respondedAt: z.string().optional(),
});
export type ResponseRow = z.infer<typeof responseRowSchema>;

export const meetingRowSchema = z.strictObject({
  id: z.string(),
  date: isoDay,
  municipality: z.string(),
  title: localized,
  participantCount: count,
  contributions: count,
  /** Contributions per commitment (`commitmentId` absent: the meeting as a whole). */
  byCommitment: z.array(z.strictObject({ commitmentId: z.string().optional(), count })),
});
export type MeetingRow = z.infer<typeof meetingRowSchema>;

export const summarySchema = z.strictObject({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  audience: z.enum(AUDIENCES),
  generatedAt: z.string(),
  consultation: z.strictObject({ id: z.string(), title: localized }),
  totals: countsSchema,
  commentsByStatus: z.strictObject({ published: count, pending: count, hidden: count, deleted: count }),
  perDay: z.array(dayCountsSchema),
  participants: z.strictObject({
    byStakeholderType: z.array(groupCountSchema),
    byMunicipality: z.array(groupCountSchema),
    byAgeBand: z.array(groupCountSchema),
  }),
  commitments: z.array(commitmentSummarySchema),
  contributions: z.array(contributionRowSchema),
  proposals: z.array(proposalRowSchema),
  meetings: z.array(meetingRowSchema),
  responses: responseCountsSchema.extend({
    byDisposition: z.array(z.strictObject({ disposition: z.enum(DISPOSITIONS), count })),
    rows: z.array(responseRowSchema),
  }),
});
export type Summary = z.infer<typeof summarySchema>;
