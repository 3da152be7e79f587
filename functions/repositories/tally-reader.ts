import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Key, keys } from '#shared/keys.ts';
import type { TallyReader } from '#shared/ports.ts';
import type { Tally } from '#shared/schemas/participation.ts';
import { sumTallyShards } from '#shared/tally.ts';

const BATCH_GET_LIMIT = 100;
const MAX_ROUNDS = 5;

/** Reads every tally shard of the given commitments with BatchGetItem and adds them up. */
export function createDynamoTallyReader(client: DynamoDBDocumentClient, tableName: string): TallyReader {
  return {
    async tallies(commitmentIds) {
      const shardsByCommitment = new Map<string, Record<string, number>[]>(commitmentIds.map((id) => [id, []]));
      const commitmentByPk = new Map<string, string>();
      const allKeys: Key[] = [];
      for (const id of commitmentIds) {
        for (const key of keys.allTallyShards(id)) {
          commitmentByPk.set(key.pk, id);
          allKeys.push(key);
        }
      }
      for (let start = 0; start < allKeys.length; start += BATCH_GET_LIMIT) {
        for (const item of await batchGet(client, tableName, allKeys.slice(start, start + BATCH_GET_LIMIT))) {
          const commitmentId = commitmentByPk.get(String(item.pk));
          if (commitmentId) shardsByCommitment.get(commitmentId)?.push(item as Record<string, number>);
        }
      }
      return new Map<string, Tally>([...shardsByCommitment].map(([id, shards]) => [id, sumTallyShards(shards)]));
    },
  };
}

async function batchGet(client: DynamoDBDocumentClient, tableName: string, batch: Key[]) {
  const items: Record<string, unknown>[] = [];
  let pending: Key[] = batch;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS)
      throw Object.assign(new Error('unprocessed keys after retries'), { name: 'ThrottlingException' });
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
    const output = await client.send(
      new BatchGetCommand({
        RequestItems: {
          [tableName]: { Keys: pending, ProjectionExpression: 'pk, support, oppose, neutral, comments' },
        },
      }),
    );
    items.push(...(output.Responses?.[tableName] ?? []));
    pending = (output.UnprocessedKeys?.[tableName]?.Keys as Key[] | undefined) ?? [];
  }
  return items;
}
