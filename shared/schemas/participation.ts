import * as z from 'zod';
import { REACTIONS, REPORT_REASONS, VOTE_CHOICES, type VoteChoice } from '../vocabulary.ts';
import { slugSchema, ulidSchema, userText } from './common.ts';

export { REACTIONS, REPORT_REASONS, VOTE_CHOICES, type VoteChoice };
export const COMMENT_STATUSES = ['published', 'pending', 'hidden', 'deleted'] as const;

export const COMMENT_MAX_LENGTH = 2_000;
/** Reports from this many distinct participants hide a comment until a moderator reviews it. */
export const REPORTS_TO_HIDE = 3;

/** A comment on a commitment, optionally on one section; with `parentId` it is a reply (one level deep). */
export const commentInputSchema = z.strictObject({
  body: userText(1, COMMENT_MAX_LENGTH),
  sectionId: slugSchema.optional(),
  parentId: ulidSchema.optional(),
  /** Honeypot: people never see it; bots fill it. */
  website: z.string().max(200).optional(),
});
export type CommentInput = z.infer<typeof commentInputSchema>;

export const replyInputSchema = commentInputSchema.extend({ parentId: ulidSchema });
export type ReplyInput = z.infer<typeof replyInputSchema>;

export const commentReactionInputSchema = z.strictObject({ reaction: z.enum(REACTIONS) });
export type CommentReactionInput = z.infer<typeof commentReactionInputSchema>;

export const commitmentVoteInputSchema = z.strictObject({ choice: z.enum(VOTE_CHOICES) });
export type CommitmentVoteInput = z.infer<typeof commitmentVoteInputSchema>;

export const reportInputSchema = z.strictObject({
  reason: z.enum(REPORT_REASONS),
  note: userText(1, 500).optional(),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

export const reactionCountsSchema = z.strictObject({
  agree: z.int().min(0),
  disagree: z.int().min(0),
  pass: z.int().min(0),
});

/** A comment as the public API shows it: no participant id, only the display name the author chose. */
export const commentSchema = z.strictObject({
  id: ulidSchema,
  consultationId: slugSchema,
  commitmentId: slugSchema,
  sectionId: slugSchema.optional(),
  parentId: ulidSchema.optional(),
  body: z.string(),
  displayName: z.string().optional(),
  createdAt: z.iso.datetime(),
  status: z.enum(COMMENT_STATUSES),
  reactions: reactionCountsSchema,
  replyCount: z.int().min(0),
});
export type Comment = z.infer<typeof commentSchema>;
export type Reply = Comment & { parentId: string };

/** Live vote and comment counts of one commitment. */
export const tallySchema = z.strictObject({
  support: z.int().min(0),
  oppose: z.int().min(0),
  neutral: z.int().min(0),
  comments: z.int().min(0),
});
export type Tally = z.infer<typeof tallySchema>;
