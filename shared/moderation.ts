import type { Catalog } from './catalog.ts';
import { type CommentItem, type CommentStatus, threadIndexKeys, unansweredIndexKeys } from './comments.ts';
import { ConflictError, ForbiddenError } from './errors.ts';
import { indexKeys } from './keys.ts';
import type { REPORT_REASONS } from './schemas/participation.ts';
import type { ModerationAction, ModerationItem, ModerationState } from './schemas/staff.ts';

/*
 * Moderation of comments: what approve, hide and restore do to a comment (pure rules), and what a moderator sees.
 * The DynamoDB adapter is functions/repositories/moderation-repository.ts; it applies a plan in one transaction.
 */

type IndexKeys = Partial<Record<`gsi${1 | 2 | 3 | 4 | 5}${'pk' | 'sk'}`, string>>;

/** What one action does to a comment, its commitment's tally and its parent. */
export type ModerationPlan = {
  from: CommentStatus;
  to: CommentStatus;
  /** Thread index keys to set (made public again) or to remove (taken out of every public list). */
  threadKeys: { set: IndexKeys } | { remove: true } | undefined;
  /** Change of the commitment's comment count (on comment.tallyShard) and of the parent's reply count. */
  countDelta: -1 | 0 | 1;
  /** The gsi5 position after the action (a queue, the unanswered list), or undefined: removed. */
  queue: { gsi5pk: string; gsi5sk: string } | undefined;
};

type Moderated = Pick<
  CommentItem,
  | 'id'
  | 'consultationId'
  | 'commitmentId'
  | 'sectionId'
  | 'parentId'
  | 'agree'
  | 'status'
  | 'gsi5pk'
  | 'responseId'
  | 'participantId'
>;

/** Where a public comment waits once moderators are done with it: unanswered, unless a response covers it. */
function afterReview(comment: Moderated): ModerationPlan['queue'] {
  return comment.responseId === undefined ? unansweredIndexKeys(comment) : undefined;
}

/** True while a published comment waits in the "reported" queue. */
export function isInQueue(comment: Pick<CommentItem, 'consultationId' | 'gsi5pk'>, state: ModerationState): boolean {
  return comment.gsi5pk === indexKeys.moderationQueue(comment.consultationId, state);
}

/**
 * The plan of an action, or a ConflictError when the comment is not in a state the action applies to:
 * - approve: a pending comment is published; a reported one leaves the queue and stays published;
 * - hide: a published or pending comment is hidden (out of every public list, in the "hidden" queue);
 * - restore: a hidden comment is published again.
 * A deleted comment has no text left to moderate.
 */
export function moderationPlan(comment: Moderated, action: ModerationAction): ModerationPlan {
  const publish = (): ModerationPlan => ({
    from: comment.status,
    to: 'published',
    threadKeys: { set: threadIndexKeys(comment) },
    countDelta: 1,
    queue: afterReview(comment),
  });
  switch (action) {
    case 'approve':
      if (comment.status === 'pending') return publish();
      if (comment.status === 'published' && isInQueue(comment, 'reported')) {
        return {
          from: 'published',
          to: 'published',
          threadKeys: undefined,
          countDelta: 0,
          queue: afterReview(comment),
        };
      }
      break;
    case 'hide':
      if (comment.status === 'published' || comment.status === 'pending') {
        const published = comment.status === 'published';
        return {
          from: comment.status,
          to: 'hidden',
          threadKeys: published ? { remove: true } : undefined,
          countDelta: published ? -1 : 0,
          queue: { gsi5pk: indexKeys.moderationQueue(comment.consultationId, 'hidden'), gsi5sk: comment.id },
        };
      }
      break;
    case 'restore':
      if (comment.status === 'hidden') return publish();
      break;
  }
  throw new ConflictError(`cannot ${action} a ${comment.status} comment`);
}

/**
 * A moderator cannot act on their own contribution. Staff accounts are not linked to participant identities, so the
 * honest check is the browser: a staff request that carries the participant cookie of the comment's author (the
 * moderator wrote it from this browser) is refused. Documented in docs/staff-console.md.
 */
export function assertNotOwnContribution(comment: Pick<CommentItem, 'participantId'>, participantId?: string): void {
  if (participantId !== undefined && comment.participantId === participantId) {
    throw new ForbiddenError('a moderator cannot moderate their own contribution');
  }
}

export type ReportSummary = { reasons: Map<(typeof REPORT_REASONS)[number], number>; notes: string[] };

/**
 * A queued comment as a moderator sees it: text and context only. Built field by field, so neither the author's
 * participant id nor their display name (author data) nor any reporter ever reaches the console.
 */
export function toModerationItem(
  comment: CommentItem,
  catalog: Catalog,
  reports: ReportSummary,
  parent: Pick<CommentItem, 'id' | 'body' | 'status'> | undefined,
): ModerationItem {
  const commitment = catalog.commitment(comment.commitmentId);
  return {
    id: comment.id,
    consultationId: comment.consultationId,
    commitment: { id: commitment.id, title: commitment.title },
    ...(comment.sectionId !== undefined ? { sectionId: comment.sectionId } : {}),
    ...(parent
      ? {
          parent: {
            id: parent.id,
            body: parent.status === 'published' || parent.status === 'pending' ? parent.body : '',
            status: parent.status,
          },
        }
      : {}),
    body: comment.body,
    status: comment.status,
    createdAt: comment.createdAt,
    reactions: { agree: comment.agree ?? 0, disagree: comment.disagree ?? 0, pass: comment.pass ?? 0 },
    replyCount: comment.replyCount ?? 0,
    reports: [...reports.reasons].map(([reason, count]) => ({ reason, count })),
    reportNotes: reports.notes,
    version: comment.version,
    ...(comment.responseId !== undefined ? { responseId: comment.responseId } : {}),
  };
}
