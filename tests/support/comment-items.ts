import { agreedSortKey, indexKeys, keys, shardOf } from '#shared/keys.ts';

export type CommentItemOptions = {
  id: string;
  consultationId?: string;
  commitmentId?: string;
  sectionId?: string;
  parentId?: string;
  participantId: string;
  displayName?: string;
  status?: 'published' | 'pending' | 'hidden' | 'deleted';
  agree?: number;
  disagree?: number;
  pass?: number;
  version?: number;
  createdAt?: string;
};

/**
 * A comment item as the comment repository stores it (the contract reactions and erasure rely on), for tests that
 * must not depend on the comment routes: index keys only while published; replies only on gsi1.
 */
export function commentItem(options: CommentItemOptions): Record<string, unknown> {
  const {
    id,
    consultationId = 'open-one',
    commitmentId = 'youth-seats',
    sectionId,
    parentId,
    participantId,
    displayName,
    status = 'published',
    agree = 0,
    disagree = 0,
    pass = 0,
    version = 1,
    createdAt = '2026-12-09T10:00:00.000Z',
  } = options;
  const published = status === 'published';
  const indexes = !published
    ? {}
    : parentId !== undefined
      ? { gsi1pk: indexKeys.replies(parentId), gsi1sk: id }
      : {
          gsi1pk: indexKeys.commitmentThread(commitmentId),
          gsi1sk: id,
          gsi3pk: indexKeys.commitmentThread(commitmentId),
          gsi3sk: agreedSortKey(agree, id),
          ...(sectionId === undefined
            ? {}
            : {
                gsi2pk: indexKeys.sectionThread(commitmentId, sectionId),
                gsi2sk: id,
                gsi4pk: indexKeys.sectionThread(commitmentId, sectionId),
                gsi4sk: agreedSortKey(agree, id),
              }),
        };
  return {
    ...keys.comment(id),
    type: 'COMMENT',
    id,
    consultationId,
    commitmentId,
    ...(sectionId === undefined ? {} : { sectionId }),
    ...(parentId === undefined ? {} : { parentId }),
    body: 'Një koment për testet.',
    ...(displayName === undefined ? {} : { displayName }),
    participantId,
    tallyShard: shardOf(participantId),
    createdAt,
    status,
    agree,
    disagree,
    pass,
    replyCount: 0,
    reportCount: 0,
    version,
    ...indexes,
  };
}

/** The owner pointer that lists a participant's own comments. */
export function ownCommentItem(participantId: string, commentId: string): Record<string, unknown> {
  return { ...keys.ownComment(participantId, commentId), type: 'OWN_COMMENT', commentId };
}
