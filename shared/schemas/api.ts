import * as z from 'zod';
import { catalogCommitmentSchema, catalogConsultationSchema } from './catalog.ts';
import { slugSchema } from './common.ts';
import { CONSULTATION_PHASES } from './consultation.ts';
import { participantProfileSchema } from './participant.ts';
import { COMMENT_STATUSES, REACTIONS, reactionCountsSchema, tallySchema, VOTE_CHOICES } from './participation.ts';
import { contributionRefSchema, DISPOSITIONS } from './response.ts';

/** Response bodies of the public read API; the OpenAPI document is generated from these. */
export const consultationViewSchema = catalogConsultationSchema.extend({
  phase: z.enum(CONSULTATION_PHASES),
});
export type ConsultationView = z.infer<typeof consultationViewSchema>;

export const consultationListSchema = z.strictObject({
  consultations: z.array(consultationViewSchema.extend({ commitmentCount: z.int().min(0) })),
});
export type ConsultationList = z.infer<typeof consultationListSchema>;

export const commitmentWithTallySchema = catalogCommitmentSchema.omit({ consultationId: true }).extend({
  tally: tallySchema,
});

export const consultationDetailSchema = z.strictObject({
  consultation: consultationViewSchema,
  commitments: z.array(commitmentWithTallySchema),
});
export type ConsultationDetail = z.infer<typeof consultationDetailSchema>;

export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  checks: z.strictObject({ table: z.enum(['ok', 'unavailable']) }),
});
export type Health = z.infer<typeof healthSchema>;

/** RFC 9457 problem details, with the message in both languages and the invalid fields named. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  messages: z.strictObject({ sq: z.string(), en: z.string() }),
  errors: z
    .array(z.strictObject({ field: z.string(), message: z.strictObject({ sq: z.string(), en: z.string() }) }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/* ---- Participation (issue 3) ---- */

/** A comment as anyone may see it: no participant id, no reports, only the display name its author chose. */
export const publicCommentSchema = z.strictObject({
  id: z.string(),
  commitmentId: z.string(),
  sectionId: z.string().optional(),
  parentId: z.string().optional(),
  /** Empty once its author deleted it (the thread keeps its place and its replies). */
  body: z.string(),
  displayName: z.string().optional(),
  createdAt: z.iso.datetime(),
  status: z.enum(['published', 'deleted']),
  reactions: reactionCountsSchema,
  replyCount: z.int().min(0),
});
export type PublicComment = z.infer<typeof publicCommentSchema>;

export const commentPageSchema = z.strictObject({
  comments: z.array(publicCommentSchema),
  /** Opaque; pass as `cursor` for the next page. Absent on the last page. */
  nextCursor: z.string().optional(),
});
export type CommentPage = z.infer<typeof commentPageSchema>;

export const THREAD_SORTS = ['newest', 'agreed'] as const;
export const threadQuerySchema = z.strictObject({
  section: slugSchema.optional(),
  sort: z.enum(THREAD_SORTS).default('newest'),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: z.enum(['sq', 'en']).optional(),
});
export type ThreadQuery = z.infer<typeof threadQuerySchema>;

export const commitmentTallySchema = z.strictObject({ commitmentId: z.string(), tally: tallySchema });
export type CommitmentTally = z.infer<typeof commitmentTallySchema>;

/**
 * After a vote or its withdrawal: the participant's choice (null when withdrawn). The write path reads nothing else,
 * so the tally is not returned; `GET /api/commitments/{id}/tally` gives it (cached for a few seconds).
 */
export const voteResultSchema = z.strictObject({
  commitmentId: z.string(),
  choice: z.enum(VOTE_CHOICES).nullable(),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

export const reactionResultSchema = z.strictObject({
  commentId: z.string(),
  reaction: z.enum(REACTIONS),
  reactions: reactionCountsSchema,
});
export type ReactionResult = z.infer<typeof reactionResultSchema>;

/** A pre-moderated comment: accepted, not yet visible. */
export const pendingCommentSchema = z.strictObject({ id: z.string(), status: z.literal('pending') });

export const reportResultSchema = z.strictObject({ commentId: z.string(), reported: z.literal(true) });

/** One of the participant's own comments, with the drafters' reasoned response once given (issue 6). */
export const ownCommentSchema = z.strictObject({
  id: z.string(),
  commitmentId: z.string(),
  parentId: z.string().optional(),
  /** Empty once deleted. */
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  createdAt: z.string(),
  response: z
    .strictObject({
      disposition: z.enum(DISPOSITIONS),
      mergedInto: contributionRefSchema.optional(),
      justification: z.strictObject({ sq: z.string(), en: z.string().optional() }),
      respondedAt: z.string(),
    })
    .optional(),
});
export type OwnComment = z.infer<typeof ownCommentSchema>;

export const meSchema = z.strictObject({
  profile: participantProfileSchema,
  votes: z.array(z.strictObject({ commitmentId: z.string(), choice: z.enum(VOTE_CHOICES) })),
  reactions: z.array(z.strictObject({ commentId: z.string(), reaction: z.enum(REACTIONS) })),
  /** Own comments and replies, newest first, each with its answer once the drafters gave one. */
  comments: z.array(ownCommentSchema),
});
export type Me = z.infer<typeof meSchema>;
