import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { indexKeys, keys, shardOf } from '#shared/keys.ts';
import type { VoteChoice } from '#shared/schemas/participation.ts';
import { addCounters } from './expressions.ts';
import { withOptimisticRetry } from './transactions.ts';

export type VoteTarget = { id: string; consultationId: string };

export interface VoteRepository {
  /** Sets the participant's vote; the tally changes in the same transaction. Returns the stored choice. */
  cast(participantId: string, target: VoteTarget, choice: VoteChoice, now: Date): Promise<VoteChoice>;
  /** Removes the participant's vote, if any, and its count. */
  withdraw(participantId: string, commitmentId: string): Promise<void>;
}

/**
 * One vote per participant per commitment, enforced by DynamoDB: the vote item and its tally shard change together in
 * one transaction, conditioned on the previous choice, so concurrent requests can neither double-count nor drift.
 * A first vote (the common case) costs exactly one transaction: no read before it.
 */
export function createDynamoVoteRepository(client: DynamoDBDocumentClient, tableName: string): VoteRepository {
  const tallyUpdate = (commitmentId: string, participantId: string, changes: Partial<Record<VoteChoice, number>>) => {
    const add = addCounters(changes as Record<string, number>);
    return {
      Update: {
        TableName: tableName,
        Key: keys.tallyShard(commitmentId, shardOf(participantId)),
        UpdateExpression: `SET #type = :type, commitmentId = :commitmentId ADD ${add.expression}`,
        ExpressionAttributeNames: { '#type': 'type', ...add.names },
        ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': commitmentId, ...add.values },
      },
    };
  };

  async function currentChoice(participantId: string, commitmentId: string): Promise<VoteChoice | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.vote(participantId, commitmentId), ConsistentRead: true }),
    );
    return Item?.choice as VoteChoice | undefined;
  }

  return {
    cast(participantId, target, choice, now) {
      return withOptimisticRetry(async (attempt) => {
        const previous = attempt === 0 ? undefined : await currentChoice(participantId, target.id);
        if (previous === choice) return choice;
        const key = keys.vote(participantId, target.id);
        const at = now.toISOString();
        const voteWrite =
          previous === undefined
            ? {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...key,
                    type: 'VOTE',
                    participantId,
                    commitmentId: target.id,
                    consultationId: target.consultationId,
                    choice,
                    createdAt: at,
                    updatedAt: at,
                    gsi1pk: indexKeys.commitmentVotes(target.id, shardOf(participantId)),
                    gsi1sk: participantId,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              }
            : {
                Update: {
                  TableName: tableName,
                  Key: key,
                  UpdateExpression: 'SET choice = :choice, updatedAt = :at',
                  ConditionExpression: 'choice = :previous',
                  ExpressionAttributeValues: { ':choice': choice, ':previous': previous, ':at': at },
                },
              };
        const changes = previous === undefined ? { [choice]: 1 } : { [previous]: -1, [choice]: 1 };
        await client.send(
          new TransactWriteCommand({
            TransactItems: [voteWrite, tallyUpdate(target.id, participantId, changes)],
          }),
        );
        return choice;
      });
    },

    withdraw(participantId, commitmentId) {
      return withOptimisticRetry(async () => {
        const previous = await currentChoice(participantId, commitmentId);
        if (previous === undefined) return;
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName,
                  Key: keys.vote(participantId, commitmentId),
                  ConditionExpression: 'choice = :previous',
                  ExpressionAttributeValues: { ':previous': previous },
                },
              },
              tallyUpdate(commitmentId, participantId, { [previous]: -1 }),
            ],
          }),
        );
      });
    },
  };
}
