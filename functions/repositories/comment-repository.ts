import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type CommentItem, isReportable, reportEffect, THREAD_INDEX_ATTRIBUTES } from '#shared/comments.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import type { ReportInput } from '#shared/schemas/participation.ts';
import { conditionFailedAt, withOptimisticRetry } from './transactions.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The answer of a write, as an idempotency record replays it. */
export type StoredResponse = { status: number; body: unknown };
export type IdempotentWrite = { key: string; response: StoredResponse; expiresAt: number };
export type NewReport = ReportInput & { createdAt: string };

export interface CommentRepository {
  /** The stored comment (strongly consistent), or undefined. */
  find(commentId: string): Promise<CommentItem | undefined>;
  /** The display name the participant chose in their profile, if any. */
  displayNameOf(participantId: string): Promise<string | undefined>;
  /** The answer stored under the participant's idempotency key, if that key was used. */
  storedResponse(participantId: string, idempotencyKey: string): Promise<StoredResponse | undefined>;
  /**
   * Writes a new comment with its owner pointer, its count (when published) and its parent's reply count, in one
   * transaction with the idempotency record when there is one. Returns the stored answer instead when the key was
   * used already (a retry, or a concurrent twin that won the race): then nothing is written.
   */
  create(comment: CommentItem, idempotency?: IdempotentWrite): Promise<StoredResponse | undefined>;
  /** The author deletes their comment: text and name removed, place and replies kept. Returns the new state. */
  deleteOwn(commentId: string, participantId: string): Promise<CommentItem>;
  /** One report per participant and comment; the report that reaches the threshold hides the comment. */
  report(commentId: string, reporterId: string, report: NewReport): Promise<void>;
}

/**
 * Comments, replies and reports on the single table. Every change is one transaction: the comment, its counters
 * (the commitment's sharded tally, the parent's reply count) and its queue positions move together. Changes to an
 * existing comment are conditioned on its `version` and retried on conflict.
 */
export function createDynamoCommentRepository(client: DynamoDBDocumentClient, tableName: string): CommentRepository {
  /** The commitment's comment count, always on the shard the comment was counted on, so no shard goes negative. */
  const tallyComments = (comment: Pick<CommentItem, 'commitmentId' | 'tallyShard'>, delta: number): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: keys.tallyShard(comment.commitmentId, comment.tallyShard),
      UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #comments :delta',
      ExpressionAttributeNames: { '#type': 'type', '#comments': 'comments' },
      ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': comment.commitmentId, ':delta': delta },
    },
  });

  const send = (items: TransactItem[]) => client.send(new TransactWriteCommand({ TransactItems: items }));

  async function find(commentId: string): Promise<CommentItem | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.comment(commentId), ConsistentRead: true }),
    );
    return Item as CommentItem | undefined;
  }

  async function storedResponse(participantId: string, idempotencyKey: string): Promise<StoredResponse | undefined> {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.idempotency(participantId, idempotencyKey),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return { status: Number(Item.status), body: JSON.parse(String(Item.body)) };
  }

  return {
    find,
    storedResponse,

    async displayNameOf(participantId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.participantProfile(participantId),
          ProjectionExpression: '#displayName',
          ExpressionAttributeNames: { '#displayName': 'displayName' },
        }),
      );
      return typeof Item?.displayName === 'string' && Item.displayName !== '' ? Item.displayName : undefined;
    },

    create(comment, idempotency) {
      const published = comment.status === 'published';
      const items: TransactItem[] = [
        { Put: { TableName: tableName, Item: comment, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.ownComment(comment.participantId, comment.id), type: 'OWN_COMMENT', commentId: comment.id },
          },
        },
      ];
      if (published) items.push(tallyComments(comment, 1));
      let parentIndex: number | undefined;
      if (comment.parentId !== undefined) {
        // The parent must still be published when the reply lands; a published reply counts on it.
        const parentCondition = {
          TableName: tableName,
          Key: keys.comment(comment.parentId),
          ConditionExpression: 'attribute_exists(pk) AND #status = :published',
          ExpressionAttributeNames: { '#status': 'status' },
        };
        parentIndex = items.length;
        items.push(
          published
            ? {
                Update: {
                  ...parentCondition,
                  UpdateExpression: 'ADD replyCount :one',
                  ExpressionAttributeValues: { ':one': 1, ':published': 'published' },
                },
              }
            : {
                ConditionCheck: { ...parentCondition, ExpressionAttributeValues: { ':published': 'published' } },
              },
        );
      }
      let idempotencyIndex: number | undefined;
      if (idempotency) {
        idempotencyIndex = items.length;
        items.push({
          Put: {
            TableName: tableName,
            Item: {
              ...keys.idempotency(comment.participantId, idempotency.key),
              type: 'IDEMPOTENCY',
              status: idempotency.response.status,
              // Stored as the JSON text so that a replay is byte for byte the first answer.
              body: JSON.stringify(idempotency.response.body),
              expiresAt: idempotency.expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      return withOptimisticRetry(async () => {
        try {
          await send(items);
          return undefined;
        } catch (error) {
          if (idempotency && idempotencyIndex !== undefined && conditionFailedAt(error, idempotencyIndex)) {
            const stored = await storedResponse(comment.participantId, idempotency.key);
            if (stored) return stored;
          }
          if (parentIndex !== undefined && conditionFailedAt(error, parentIndex)) throw new NotFoundError('comment');
          throw error;
        }
      });
    },

    deleteOwn(commentId, participantId) {
      return withOptimisticRetry(async () => {
        const comment = await find(commentId);
        if (!comment) throw new NotFoundError('comment');
        if (comment.participantId !== participantId) throw new ForbiddenError('only the author may delete a comment');
        if (comment.status === 'deleted') return comment;
        const items: TransactItem[] = [
          {
            Update: {
              TableName: tableName,
              Key: keys.comment(commentId),
              // The thread keys stay (the comment keeps its place, its replies stay reachable); with the text gone
              // there is nothing left to moderate, so it leaves the moderation queue.
              UpdateExpression:
                'SET #status = :deleted, #body = :empty, #version = :next REMOVE #displayName, gsi5pk, gsi5sk',
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: {
                '#status': 'status',
                '#body': 'body',
                '#version': 'version',
                '#displayName': 'displayName',
              },
              ExpressionAttributeValues: {
                ':deleted': 'deleted',
                ':empty': '',
                ':version': comment.version,
                ':next': comment.version + 1,
              },
            },
          },
        ];
        if (comment.status === 'published') items.push(tallyComments(comment, -1));
        await send(items);
        const { displayName: _name, gsi5pk: _queue, gsi5sk: _queueSort, ...kept } = comment;
        return { ...kept, status: 'deleted', body: '', version: comment.version + 1 };
      });
    },

    report(commentId, reporterId, { reason, note, createdAt }) {
      return withOptimisticRetry(async () => {
        const comment = await find(commentId);
        if (!comment || !isReportable(comment)) throw new NotFoundError('comment');
        const { enqueue, hide } = reportEffect(comment);
        const set = ['reportCount = :reportCount', '#version = :next'];
        const names: Record<string, string> = { '#version': 'version' };
        const values: Record<string, unknown> = {
          ':reportCount': comment.reportCount + 1,
          ':version': comment.version,
          ':next': comment.version + 1,
        };
        if (enqueue || hide) {
          set.push('gsi5pk = :queue', 'gsi5sk = :id');
          values[':queue'] = indexKeys.moderationQueue(comment.consultationId, hide ? 'hidden' : 'reported');
          values[':id'] = comment.id;
        }
        if (hide) {
          set.push('#status = :hidden');
          names['#status'] = 'status';
          values[':hidden'] = 'hidden';
        }
        const items: TransactItem[] = [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.report(commentId, reporterId),
                type: 'REPORT',
                reason,
                ...(note !== undefined ? { note } : {}),
                createdAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.ownReport(reporterId, commentId), type: 'OWN_REPORT', commentId },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.comment(commentId),
              UpdateExpression: `SET ${set.join(', ')}${hide ? ` REMOVE ${THREAD_INDEX_ATTRIBUTES.join(', ')}` : ''}`,
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
        ];
        if (hide) {
          items.push(tallyComments(comment, -1));
          if (comment.parentId !== undefined) {
            items.push({
              Update: {
                TableName: tableName,
                Key: keys.comment(comment.parentId),
                UpdateExpression: 'ADD replyCount :minusOne',
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            });
          }
        }
        try {
          await send(items);
        } catch (error) {
          // This participant reported the comment already: nothing is counted twice.
          if (conditionFailedAt(error, 0)) return;
          throw error;
        }
      });
    },
  };
}
