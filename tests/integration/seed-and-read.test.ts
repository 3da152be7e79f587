import { DeleteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '#shared/catalog.ts';
import { indexKeys, keys, TALLY_SHARDS } from '#shared/keys.ts';
import { DEMO_SEED, demoVotes, seedDemoData } from '../../local/seed.ts';
import { catalogFixture } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { publicReadHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => {
  await table.drop();
});

function expectedTally(commitmentId: string) {
  const votes = demoVotes(catalogFixture).filter((v) => v.commitmentId === commitmentId);
  return {
    support: votes.filter((v) => v.choice === 'support').length,
    oppose: votes.filter((v) => v.choice === 'oppose').length,
    neutral: votes.filter((v) => v.choice === 'neutral').length,
    comments: 0,
  };
}

async function countItems(type: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': type },
        ExclusiveStartKey: start,
        Select: 'COUNT',
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

describe('demo seed and public read on DynamoDB Local', () => {
  const total = demoVotes(catalogFixture).length;

  it('writes every demo vote with its tally increment, once', async () => {
    const result = await seedDemoData(table.documents, table.tableName, catalogFixture);
    expect(result).toEqual({ skipped: false, votesWritten: total, votesPresent: 0 });
    expect(await countItems('VOTE')).toBe(total);
  });

  it('skips a second run by its marker, and even without the marker writes nothing twice', async () => {
    expect(await seedDemoData(table.documents, table.tableName, catalogFixture)).toEqual({
      skipped: true,
      votesWritten: 0,
      votesPresent: 0,
    });
    // Remove the marker to prove the per-vote conditions alone keep the seed idempotent.
    await table.documents.send(new DeleteCommand({ TableName: table.tableName, Key: keys.seedMarker(DEMO_SEED) }));
    expect(await seedDemoData(table.documents, table.tableName, catalogFixture)).toEqual({
      skipped: false,
      votesWritten: 0,
      votesPresent: total,
    });
    expect(await countItems('VOTE')).toBe(total);
  });

  it('serves tallies that equal the vote items, commitment by commitment', async () => {
    const handler = publicReadHandler(table, new Catalog(catalogFixture));
    const result = await handler(
      httpEvent('GET /api/consultations/{consultationId}', { pathParameters: { consultationId: 'open-one' } }),
    );
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '');
    expect(body.commitments.map((c: { id: string; tally: unknown }) => [c.id, c.tally])).toEqual([
      ['youth-seats', expectedTally('youth-seats')],
      ['public-meetings', expectedTally('public-meetings')],
    ]);
    const youthVotes = expectedTally('youth-seats');
    expect(youthVotes.support + youthVotes.oppose + youthVotes.neutral).toBe(24);
  });

  it('indexes each vote under its commitment for summaries (gsi1, sharded)', async () => {
    let found = 0;
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      const page = await table.documents.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': indexKeys.commitmentVotes('public-meetings', shard) },
          Select: 'COUNT',
        }),
      );
      found += page.Count ?? 0;
    }
    expect(found).toBe(24 + 9);
  });
});
