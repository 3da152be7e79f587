import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#shared/errors.ts';
import { agreedSortKey, keys } from '#shared/keys.ts';
import { type Reaction, type ReactionCounts, type ReactionDeltas, reactionDeltas } from '#shared/reactions.ts';
import { addCounters } from './expressions.ts';
import { withOptimisticRetry } from './transactions.ts';

/** What a reaction needs to know about its comment. */
export type ReactedComment = { id: string; commitmentId: string; sectionId?: string; parentId?: string };

export interface ReactionRepository {
  /**
   * Sets the participant's reaction to a published comment and returns the comment's counts after it.
   * `assertAllowed` sees the comment before anything is written (the consultation must be open) and may throw.
   * A comment that does not exist or is not published is not found.
   */
  react(
    participantId: string,
    commentId: string,
    reaction: Reaction,
    now: Date,
    assertAllowed: (comment: ReactedComment) => void,
  ): Promise<ReactionCounts>;
}

type CommentRead = Record<string, unknown> | undefined;

/**
 * One reaction per participant per comment, changeable, with exact counts under concurrency:
 * 1. the reaction item (Put `attribute_not_exists`, or Update conditioned on the previous reaction) and the comment's
 *    counters (ADD, conditioned on the comment being published) change in one transaction. ADD commutes, so
 *    concurrent reactions from different participants do not invalidate each other; each also ADDs 1 to the
 *    comment's version, so a moderator's version-conditioned edit still sees that the comment changed.
 * 2. the "most agreed" sort keys (gsi3sk, and gsi4sk on a section; top-level comments only) are then set from a
 *    consistent read, conditioned on the agree count read. If that condition fails, a later reaction changed the count
 *    and its own step 2 (which reads after it) writes the key: the key always ends equal to the final count.
 * A version-conditioned single transaction would set the key in step 1, but then every concurrent reaction on a
 * popular comment invalidates the others' reads; 100 at once mostly end in 503 after the retries.
 */
export function createDynamoReactionRepository(client: DynamoDBDocumentClient, tableName: string): ReactionRepository {
  const readComment = async (commentId: string): Promise<CommentRead> =>
    (
      await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.comment(commentId),
          ConsistentRead: true,
          ProjectionExpression: 'commitmentId, sectionId, parentId, #status, agree, disagree, pass, gsi3sk, gsi4sk',
          ExpressionAttributeNames: { '#status': 'status' },
        }),
      )
    ).Item;

  /** Step 2: the "most agreed" sort keys of a top-level comment from the agree count just read. */
  async function alignAgreedKeys(target: ReactedComment, comment: CommentRead): Promise<void> {
    if (target.parentId !== undefined || comment?.status !== 'published') return;
    const expected = agreedSortKey(countsOf(comment).agree, target.id);
    const withSection = target.sectionId !== undefined;
    if (comment.gsi3sk === expected && (!withSection || comment.gsi4sk === expected)) return;
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.comment(target.id),
          UpdateExpression: withSection ? 'SET gsi3sk = :agreed, gsi4sk = :agreed' : 'SET gsi3sk = :agreed',
          ConditionExpression: '#agree = :agree AND #status = :published AND attribute_exists(gsi3pk)',
          ExpressionAttributeNames: { '#agree': 'agree', '#status': 'status' },
          ExpressionAttributeValues: { ':agreed': expected, ':agree': comment.agree, ':published': 'published' },
        }),
      );
    } catch (error) {
      // The count moved on (the later reaction sets the key) or the comment left the public indexes.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    async react(participantId, commentId, reaction, now, assertAllowed) {
      const target = await withOptimisticRetry(async () => {
        const [comment, { Item: current }] = await Promise.all([
          readComment(commentId),
          client.send(
            new GetCommand({
              TableName: tableName,
              Key: keys.reaction(participantId, commentId),
              ConsistentRead: true,
            }),
          ),
        ]);
        if (comment?.status !== 'published') throw new NotFoundError('comment');
        const target: ReactedComment = {
          id: commentId,
          commitmentId: String(comment.commitmentId),
          ...(typeof comment.sectionId === 'string' ? { sectionId: comment.sectionId } : {}),
          ...(typeof comment.parentId === 'string' ? { parentId: comment.parentId } : {}),
        };
        assertAllowed(target);
        const previous = current?.reaction as Reaction | undefined;
        if (previous === reaction) return target;

        const at = now.toISOString();
        const key = keys.reaction(participantId, commentId);
        const reactionWrite =
          previous === undefined
            ? {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...key,
                    type: 'REACTION',
                    participantId,
                    commentId,
                    commitmentId: target.commitmentId,
                    reaction,
                    createdAt: at,
                    updatedAt: at,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              }
            : {
                Update: {
                  TableName: tableName,
                  Key: key,
                  UpdateExpression: 'SET reaction = :reaction, updatedAt = :at',
                  ConditionExpression: 'reaction = :previous',
                  ExpressionAttributeValues: { ':reaction': reaction, ':previous': previous, ':at': at },
                },
              };
        await client.send(
          new TransactWriteCommand({
            TransactItems: [reactionWrite, countersUpdate(tableName, commentId, reactionDeltas(previous, reaction))],
          }),
        );
        return target;
      });
      // Read after the write (or after seeing the same reaction already stored): the counts include this reaction.
      const comment = await readComment(commentId);
      await alignAgreedKeys(target, comment);
      return countsOf(comment);
    },
  };
}

function countersUpdate(tableName: string, commentId: string, deltas: ReactionDeltas) {
  const add = addCounters(deltas as Record<string, number>);
  return {
    Update: {
      TableName: tableName,
      Key: keys.comment(commentId),
      UpdateExpression: `ADD ${add.expression}, #version :one`,
      ConditionExpression: '#status = :published',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version', ...add.names },
      ExpressionAttributeValues: { ':published': 'published', ':one': 1, ...add.values },
    },
  };
}

function countsOf(comment: CommentRead): ReactionCounts {
  return {
    agree: Number(comment?.agree ?? 0),
    disagree: Number(comment?.disagree ?? 0),
    pass: Number(comment?.pass ?? 0),
  };
}
