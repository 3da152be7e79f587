import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CommentItem, THREAD_INDEX_ATTRIBUTES } from '#shared/comments.ts';
import { NotFoundError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { assertNotOwnContribution, moderationPlan, type ReportSummary } from '#shared/moderation.ts';
import type { REPORT_REASONS } from '#shared/schemas/participation.ts';
import type { HideReason, ModerationAction, ModerationState } from '#shared/schemas/staff.ts';
import type { StaffActor } from '#shared/staff.ts';
import { TABLE } from '#shared/table.ts';
import { auditPut } from './audit-log.ts';
import { decodeCursor, encodeCursor, ulidText } from './staff-cursor.ts';
import { withOptimisticRetry } from './transactions.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const GSI5 = TABLE.indexes.find((i) => i.name === 'gsi5') as (typeof TABLE.indexes)[number];

export type ModerationRequest = {
  action: ModerationAction;
  reason?: HideReason;
  note?: string;
  actor: StaffActor;
  at: string;
  /** The participant cookie the staff request carried, if any: its own comments cannot be moderated. */
  participantId?: string;
};

export type ModerationOutcome = { comment: CommentItem; auditId: string };
export type QueuePage = { items: CommentItem[]; nextCursor?: string };

export interface ModerationRepository {
  /** One page of a consultation's queue (oldest first), optionally of one commitment. */
  queue(
    consultationId: string,
    state: ModerationState,
    page: { commitmentId?: string; limit: number; cursor?: string },
  ): Promise<QueuePage>;
  /** Distinct reports of a comment by reason, and the reporters' notes (never who reported). */
  reports(commentId: string): Promise<ReportSummary>;
  /** The parents of replies, for context: id, text and status only. */
  parents(ids: readonly string[]): Promise<Map<string, Pick<CommentItem, 'id' | 'body' | 'status'>>>;
  /**
   * Applies an action in one transaction: the comment (conditioned on its version; status, public index keys, queue
   * position), the commitment's comment count on the comment's own tally shard, the parent's reply count, and the
   * audit entry. A concurrent change (a reaction, a report, another moderator) is re-read and re-planned.
   */
  apply(commentId: string, request: ModerationRequest): Promise<ModerationOutcome>;
}

export function createDynamoModerationRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ModerationRepository {
  async function find(commentId: string): Promise<CommentItem | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.comment(commentId), ConsistentRead: true }),
    );
    return Item as CommentItem | undefined;
  }

  return {
    async queue(consultationId, state, { commitmentId, limit, cursor }) {
      const partition = indexKeys.moderationQueue(consultationId, state);
      const start =
        cursor === undefined
          ? undefined
          : decodeCursor(
              cursor,
              z
                .strictObject({
                  pk: z.string(),
                  sk: z.literal('COMMENT'),
                  gsi5pk: z.literal(partition),
                  gsi5sk: ulidText,
                })
                .refine((key) => key.pk === keys.comment(key.gsi5sk).pk),
            );
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI5.name,
          KeyConditionExpression: 'gsi5pk = :queue',
          ExpressionAttributeValues: {
            ':queue': partition,
            ...(commitmentId !== undefined ? { ':commitmentId': commitmentId } : {}),
          },
          ...(commitmentId !== undefined ? { FilterExpression: 'commitmentId = :commitmentId' } : {}),
          // Oldest first: a queue is worked in the order it filled.
          ScanIndexForward: true,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const last = output.LastEvaluatedKey;
      return {
        items: (output.Items ?? []) as CommentItem[],
        ...(last
          ? { nextCursor: encodeCursor({ pk: last.pk, sk: last.sk, gsi5pk: last.gsi5pk, gsi5sk: last.gsi5sk }) }
          : {}),
      };
    },

    async reports(commentId) {
      const reasons = new Map<(typeof REPORT_REASONS)[number], number>();
      const notes: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :report)',
            ExpressionAttributeValues: { ':pk': keys.comment(commentId).pk, ':report': 'REPORT#' },
            // The sort key names the reporter: it is not even read.
            ProjectionExpression: 'reason, note',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of output.Items ?? []) {
          const reason = item.reason as (typeof REPORT_REASONS)[number];
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          if (typeof item.note === 'string' && item.note !== '') notes.push(item.note);
        }
        start = output.LastEvaluatedKey;
      } while (start);
      return { reasons, notes };
    },

    async parents(ids) {
      const found = new Map<string, Pick<CommentItem, 'id' | 'body' | 'status'>>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        const output = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: unique.slice(i, i + 100).map((id) => keys.comment(id)),
                ProjectionExpression: 'id, body, #status',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of output.Responses?.[tableName] ?? []) {
          found.set(String(item.id), item as Pick<CommentItem, 'id' | 'body' | 'status'>);
        }
      }
      return found;
    },

    apply(commentId, request) {
      return withOptimisticRetry(async () => {
        const comment = await find(commentId);
        if (!comment) throw new NotFoundError('comment');
        assertNotOwnContribution(comment, request.participantId);
        const plan = moderationPlan(comment, request.action);

        const set = ['#status = :to', '#version = :next'];
        const remove: string[] = [];
        const values: Record<string, unknown> = {
          ':to': plan.to,
          ':version': comment.version,
          ':next': comment.version + 1,
        };
        if (plan.threadKeys && 'set' in plan.threadKeys) {
          for (const [name, value] of Object.entries(plan.threadKeys.set)) {
            set.push(`${name} = :${name}`);
            values[`:${name}`] = value;
          }
        } else if (plan.threadKeys) {
          remove.push(...THREAD_INDEX_ATTRIBUTES);
        }
        if (plan.queue) {
          set.push('gsi5pk = :gsi5pk', 'gsi5sk = :gsi5sk');
          values[':gsi5pk'] = plan.queue.gsi5pk;
          values[':gsi5sk'] = plan.queue.gsi5sk;
        } else {
          remove.push('gsi5pk', 'gsi5sk');
        }
        const items: TransactItem[] = [
          {
            Update: {
              TableName: tableName,
              Key: keys.comment(commentId),
              UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: values,
            },
          },
        ];
        if (plan.countDelta !== 0) {
          items.push({
            Update: {
              TableName: tableName,
              Key: keys.tallyShard(comment.commitmentId, comment.tallyShard),
              UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #comments :delta',
              ExpressionAttributeNames: { '#type': 'type', '#comments': 'comments' },
              ExpressionAttributeValues: {
                ':type': 'TALLY',
                ':commitmentId': comment.commitmentId,
                ':delta': plan.countDelta,
              },
            },
          });
          if (comment.parentId !== undefined) {
            items.push({
              Update: {
                TableName: tableName,
                Key: keys.comment(comment.parentId),
                UpdateExpression: 'ADD replyCount :delta',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':delta': plan.countDelta },
              },
            });
          }
        }
        const audit = auditPut(tableName, {
          consultationId: comment.consultationId,
          at: request.at,
          actor: request.actor,
          action: `comment.${request.action}`,
          target: { kind: 'comment', id: comment.id },
          from: plan.from,
          to: plan.to,
          ...(request.reason !== undefined ? { reason: request.reason } : {}),
          ...(request.note !== undefined ? { note: request.note } : {}),
        });
        items.push(audit.item);
        await client.send(new TransactWriteCommand({ TransactItems: items }));

        const updated: CommentItem = { ...comment, status: plan.to, version: comment.version + 1 };
        for (const name of remove) delete (updated as Record<string, unknown>)[name];
        Object.assign(
          updated,
          plan.threadKeys && 'set' in plan.threadKeys ? plan.threadKeys.set : {},
          plan.queue ?? {},
        );
        return { comment: updated, auditId: audit.id };
      });
    },
  };
}
