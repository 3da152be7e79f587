import type { FieldIssue } from './errors.ts';
import { agreedSortKey, indexKeys, keys, shardOf, unansweredSortKey } from './keys.ts';
import type { PublicComment } from './schemas/api.ts';
import { type COMMENT_STATUSES, REPORTS_TO_HIDE } from './schemas/participation.ts';

/*
 * Comments and replies: the stored item, its index keys and the pure rules over it (who may see it, what a report
 * does). The DynamoDB adapters are functions/repositories/comment-repository.ts and comment-reader.ts.
 */

export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** The thread index keys; present only while a comment is publicly listed (published, or deleted after that). */
export const THREAD_INDEX_ATTRIBUTES = [
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
] as const;

type ThreadIndexKeys = Partial<Record<(typeof THREAD_INDEX_ATTRIBUTES)[number], string>>;

/** A comment or reply as stored (pk/sk = keys.comment(id)). `participantId` is private: no public route returns it. */
export type CommentItem = ThreadIndexKeys & {
  pk: string;
  sk: string;
  type: 'COMMENT';
  id: string;
  consultationId: string;
  commitmentId: string;
  sectionId?: string;
  parentId?: string;
  body: string;
  displayName?: string;
  participantId: string;
  /** The tally shard its comment count went to: fixed at creation, so erasing the author changes nothing. */
  tallyShard: number;
  createdAt: string;
  status: CommentStatus;
  agree: number;
  disagree: number;
  pass: number;
  replyCount: number;
  reportCount: number;
  version: number;
  /** The drafters' reasoned response that covers it (issue 6). */
  responseId?: string;
  /**
   * gsi5, never read by a public route: the moderation queue (pending, reported, hidden) while a moderator has to
   * look at it, else the unanswered list while it is public and has no response, else nothing.
   */
  gsi5pk?: string;
  gsi5sk?: string;
};

/** The attributes a public view needs; the public reader loads only these. */
export const PUBLIC_COMMENT_ATTRIBUTES = [
  'id',
  'commitmentId',
  'sectionId',
  'parentId',
  'body',
  'displayName',
  'createdAt',
  'status',
  'agree',
  'disagree',
  'pass',
  'replyCount',
  'gsi1pk',
] as const;
export type PublicCommentItem = Pick<CommentItem, (typeof PUBLIC_COMMENT_ATTRIBUTES)[number]>;

export type NewComment = {
  id: string;
  consultationId: string;
  commitmentId: string;
  sectionId?: string;
  parentId?: string;
  body: string;
  displayName?: string;
  participantId: string;
  createdAt: string;
  status: 'published' | 'pending';
};

/**
 * The thread index keys of a published comment: a top-level comment is listed newest (gsi1) and most agreed (gsi3)
 * first, and in its section's lists too (gsi2, gsi4); a reply only under its parent (gsi1).
 */
export function threadIndexKeys(
  comment: Pick<CommentItem, 'id' | 'commitmentId' | 'sectionId' | 'parentId' | 'agree'>,
): ThreadIndexKeys {
  if (comment.parentId !== undefined) return { gsi1pk: indexKeys.replies(comment.parentId), gsi1sk: comment.id };
  const thread = indexKeys.commitmentThread(comment.commitmentId);
  const agreed = agreedSortKey(comment.agree, comment.id);
  const keysOfThread: ThreadIndexKeys = { gsi1pk: thread, gsi1sk: comment.id, gsi3pk: thread, gsi3sk: agreed };
  if (comment.sectionId === undefined) return keysOfThread;
  const section = indexKeys.sectionThread(comment.commitmentId, comment.sectionId);
  return { ...keysOfThread, gsi2pk: section, gsi2sk: comment.id, gsi4pk: section, gsi4sk: agreed };
}

/** A new comment item: published ones carry their thread index keys, pending ones wait in the moderation queue. */
export function newCommentItem(comment: NewComment): CommentItem {
  const item: CommentItem = {
    ...keys.comment(comment.id),
    type: 'COMMENT',
    id: comment.id,
    consultationId: comment.consultationId,
    commitmentId: comment.commitmentId,
    ...(comment.sectionId !== undefined ? { sectionId: comment.sectionId } : {}),
    ...(comment.parentId !== undefined ? { parentId: comment.parentId } : {}),
    body: comment.body,
    ...(comment.displayName !== undefined ? { displayName: comment.displayName } : {}),
    participantId: comment.participantId,
    tallyShard: shardOf(comment.participantId),
    createdAt: comment.createdAt,
    status: comment.status,
    agree: 0,
    disagree: 0,
    pass: 0,
    replyCount: 0,
    reportCount: 0,
    version: 1,
  };
  return comment.status === 'published'
    ? { ...item, ...threadIndexKeys(item), ...unansweredIndexKeys(item) }
    : { ...item, gsi5pk: indexKeys.moderationQueue(comment.consultationId, 'pending'), gsi5sk: comment.id };
}

/** The gsi5 position of a public comment without a response: the drafters' unanswered list, by commitment. */
export function unansweredIndexKeys(comment: Pick<CommentItem, 'consultationId' | 'commitmentId' | 'id'>): {
  gsi5pk: string;
  gsi5sk: string;
} {
  return {
    gsi5pk: indexKeys.unanswered(comment.consultationId),
    gsi5sk: unansweredSortKey(comment.commitmentId, comment.id),
  };
}

/** Public: published, or deleted after having been published (it keeps its place in the thread, without text). */
export function isPubliclyVisible(comment: Pick<CommentItem, 'status' | 'gsi1pk'>): boolean {
  return comment.status === 'published' || (comment.status === 'deleted' && comment.gsi1pk !== undefined);
}

/** Reports are taken on what people can have seen: published comments, and hidden ones still open on a page. */
export function isReportable(comment: Pick<CommentItem, 'status'>): boolean {
  return comment.status === 'published' || comment.status === 'hidden';
}

/** What anyone may see of a comment: never the participant id, reports or index keys; no text once deleted. */
export function toPublicComment(comment: PublicCommentItem): PublicComment {
  const published = comment.status === 'published';
  return {
    id: comment.id,
    commitmentId: comment.commitmentId,
    ...(comment.sectionId !== undefined ? { sectionId: comment.sectionId } : {}),
    ...(comment.parentId !== undefined ? { parentId: comment.parentId } : {}),
    body: published ? comment.body : '',
    ...(published && comment.displayName !== undefined ? { displayName: comment.displayName } : {}),
    createdAt: comment.createdAt,
    status: published ? 'published' : 'deleted',
    reactions: { agree: comment.agree ?? 0, disagree: comment.disagree ?? 0, pass: comment.pass ?? 0 },
    replyCount: comment.replyCount ?? 0,
  };
}

/** Why a comment cannot be replied to (as a 400 on `parentId`), or undefined when it can. Replies are one level. */
export function replyTargetIssue(
  parent: Pick<CommentItem, 'commitmentId' | 'parentId' | 'status'>,
  commitmentId: string,
): FieldIssue | undefined {
  const issue = (sq: string, en: string): FieldIssue => ({ field: 'parentId', message: { sq, en } });
  if (parent.commitmentId !== commitmentId) {
    return issue('Komenti që përgjigjeni i përket një angazhimi tjetër.', 'The comment belongs to another commitment.');
  }
  if (parent.parentId !== undefined) {
    return issue(
      'Mund t’i përgjigjeni vetëm një komenti, jo një përgjigjeje.',
      'Only comments can be replied to, not replies.',
    );
  }
  if (parent.status !== 'published') {
    return issue('Ky koment është fshirë.', 'This comment was deleted.');
  }
  return undefined;
}

export type ReportEffect = {
  /** The first report of a published comment puts it in the moderators' "reported" queue. */
  enqueue: boolean;
  /** The report that brings a published comment to REPORTS_TO_HIDE distinct reporters hides it until reviewed. */
  hide: boolean;
};

/**
 * What one more distinct report does to a comment. Hiding happens when the count reaches the threshold, not above
 * it, so a comment a moderator restored is not hidden again by the next single report.
 */
export function reportEffect(comment: Pick<CommentItem, 'status' | 'reportCount'>): ReportEffect {
  if (comment.status !== 'published') return { enqueue: false, hide: false };
  const count = comment.reportCount + 1;
  const hide = count === REPORTS_TO_HIDE;
  return { hide, enqueue: !hide && comment.reportCount === 0 };
}

/* ---- Public read port (functions/repositories/comment-reader.ts) ---- */

export type CommentListPage = {
  items: PublicCommentItem[];
  /** Opaque position after the last item; absent on the last page. */
  nextCursor?: string;
};

export type ThreadRequest = {
  commitmentId: string;
  sectionId?: string;
  sort: 'newest' | 'agreed';
  limit: number;
  cursor?: string;
};

/** Reads the public comment lists. A malformed or foreign cursor is a ValidationError naming `cursor`. */
export interface CommentReader {
  /** Top-level public comments of a commitment or one of its sections, newest or most agreed first. */
  thread(request: ThreadRequest): Promise<CommentListPage>;
  /** Public replies of a comment, oldest first. */
  replies(parentId: string, page: { limit: number; cursor?: string }): Promise<CommentListPage>;
  /** One comment's public attributes, or undefined. */
  find(commentId: string): Promise<PublicCommentItem | undefined>;
}
