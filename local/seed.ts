import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogData } from '#shared/catalog.ts';
import { indexKeys, keys, shardOf } from '#shared/keys.ts';
import { MUNICIPALITY_IDS } from '#shared/municipalities.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '#shared/schemas/participant.ts';
import { VOTE_CHOICES, type VoteChoice } from '#shared/schemas/participation.ts';

/** Bump when the demo data changes, so existing local databases receive the new set. */
export const DEMO_SEED = 'demo-v1';

export type SeedResult = { skipped: boolean; votesWritten: number; votesPresent: number };

/** Deterministic numbers from a string, so every machine seeds the same demo data. */
function pick<T>(list: readonly T[], seed: string): T {
  let hash = 0;
  for (const char of seed) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return list[hash % list.length] as T;
}

export type DemoVote = {
  participantId: string;
  commitmentId: string;
  consultationId: string;
  choice: VoteChoice;
  profile: { stakeholderType: string; municipality: string; ageBand: string };
};

/** The demo electorate: for the n-th commitment 24 + 9n participants, leaning towards support. */
export function demoVotes(catalog: CatalogData): DemoVote[] {
  const leaning: readonly VoteChoice[] = ['support', 'support', 'support', 'oppose', 'neutral', ...VOTE_CHOICES];
  return catalog.commitments.flatMap((commitment, n) =>
    Array.from({ length: 24 + 9 * n }, (_, i) => {
      const participantId = `demo-${String(i + 1).padStart(4, '0')}`;
      const seed = `${commitment.id}/${participantId}`;
      return {
        participantId,
        commitmentId: commitment.id,
        consultationId: commitment.consultationId,
        choice: pick(leaning, seed),
        profile: {
          stakeholderType: pick(STAKEHOLDER_TYPES, participantId),
          municipality: pick(MUNICIPALITY_IDS, `${participantId}/m`),
          ageBand: pick(AGE_BANDS, `${participantId}/a`),
        },
      };
    }),
  );
}

/**
 * Seeds demo votes, each written with its tally increment in one transaction (so tallies equal vote items) and a
 * condition that makes a second run change nothing. A marker item lets later starts skip the work entirely.
 */
export async function seedDemoData(
  client: DynamoDBDocumentClient,
  tableName: string,
  catalog: CatalogData,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedResult> {
  const marker = await client.send(new GetCommand({ TableName: tableName, Key: keys.seedMarker(DEMO_SEED) }));
  if (marker.Item) return { skipped: true, votesWritten: 0, votesPresent: 0 };
  const votes = demoVotes(catalog);
  let written = 0;
  let present = 0;
  let done = 0;
  const queue = [...votes];
  const worker = async () => {
    for (let vote = queue.shift(); vote; vote = queue.shift()) {
      if (await writeDemoVote(client, tableName, vote)) written++;
      else present++;
      onProgress(++done, votes.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.seedMarker(DEMO_SEED), type: 'SEED', votes: votes.length, seededAt: new Date().toISOString() },
    }),
  );
  return { skipped: false, votesWritten: written, votesPresent: present };
}

async function writeDemoVote(client: DynamoDBDocumentClient, tableName: string, vote: DemoVote): Promise<boolean> {
  const shard = shardOf(vote.participantId);
  const now = new Date().toISOString();
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.vote(vote.participantId, vote.commitmentId),
                type: 'VOTE',
                participantId: vote.participantId,
                commitmentId: vote.commitmentId,
                consultationId: vote.consultationId,
                choice: vote.choice,
                ...vote.profile,
                createdAt: now,
                updatedAt: now,
                gsi1pk: indexKeys.commitmentVotes(vote.commitmentId, shard),
                gsi1sk: vote.participantId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.tallyShard(vote.commitmentId, shard),
              UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #choice :one',
              ExpressionAttributeNames: { '#type': 'type', '#choice': vote.choice },
              ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': vote.commitmentId, ':one': 1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const alreadyThere =
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
    if (alreadyThere) return false;
    throw error;
  }
}
