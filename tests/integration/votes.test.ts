import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler } from '#functions/commons/http.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { voteActions } from '#functions/participation/votes.ts';
import { createDynamoRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { indexKeys, TALLY_SHARDS } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

let table: TestTable;
let handler: HttpHandler;

beforeAll(async () => {
  table = await createTestTable();
  handler = createParticipationHandler(
    testPipeline(NOW),
    voteActions({
      catalog: new Catalog(catalogFixture),
      votes: createDynamoVoteRepository(table.documents, table.tableName),
    }),
  );
});
afterAll(async () => {
  await table.drop();
});

const vote = (participantId: string, commitmentId: string, choice: string) =>
  handler(
    participantRequest('PUT /api/commitments/{commitmentId}/vote', {
      participantId,
      body: { choice },
      pathParameters: { commitmentId },
    }),
  );
const withdraw = (participantId: string, commitmentId: string) =>
  handler(
    participantRequest('DELETE /api/commitments/{commitmentId}/vote', {
      participantId,
      pathParameters: { commitmentId },
    }),
  );

async function tally(commitmentId: string) {
  const tallies = await createDynamoTallyReader(table.documents, table.tableName).tallies([commitmentId]);
  return tallies.get(commitmentId);
}

async function voteItems(commitmentId: string) {
  const items: Record<string, unknown>[] = [];
  for (let shard = 0; shard < TALLY_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.documents.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': indexKeys.commitmentVotes(commitmentId, shard) },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

describe('votes on DynamoDB Local, exact under concurrency', () => {
  it('stores exactly one vote and one count for 200 concurrent identical votes', async () => {
    const participantId = ulid();
    const results = await Promise.all(Array.from({ length: 200 }, () => vote(participantId, 'youth-seats', 'support')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(200).fill(200));
    expect(await voteItems('youth-seats')).toHaveLength(1);
    expect(await tally('youth-seats')).toEqual({ support: 1, oppose: 0, neutral: 0, comments: 0 });
  });

  it('counts 1,000 distinct participants voting concurrently: tally == vote items == 1,000', async () => {
    const choices = ['support', 'oppose', 'neutral'] as const;
    const participants = Array.from({ length: 1000 }, (_, i) => ({ id: ulid(), choice: choices[i % 3] as string }));
    const results = await Promise.all(participants.map((p) => vote(p.id, 'public-meetings', p.choice)));
    expect(results.filter((r) => r.statusCode !== 200)).toEqual([]);
    const items = await voteItems('public-meetings');
    expect(items).toHaveLength(1000);
    expect(await tally('public-meetings')).toEqual({ support: 334, oppose: 333, neutral: 333, comments: 0 });
  }, 120_000);

  it('keeps the tally equal to the vote items through concurrent changes and withdrawals', async () => {
    const people = Array.from({ length: 60 }, () => ulid());
    await Promise.all(people.map((id) => vote(id, 'youth-seats', 'oppose')));
    // Each participant changes their mind several times at once, and a third withdraw concurrently.
    await Promise.all(
      people.flatMap((id, i) => [
        vote(id, 'youth-seats', 'support'),
        vote(id, 'youth-seats', 'neutral'),
        ...(i % 3 === 0 ? [withdraw(id, 'youth-seats')] : []),
      ]),
    );
    const items = await voteItems('youth-seats');
    const count = (choice: string) => items.filter((item) => item.choice === choice).length;
    expect(await tally('youth-seats')).toEqual({
      support: count('support'),
      oppose: count('oppose'),
      neutral: count('neutral'),
      comments: 0,
    });
    expect(items.length).toBeGreaterThanOrEqual(1 + 40);
    // Settle every participant on one choice; then the tally is fully determined.
    await Promise.all(people.map((id) => vote(id, 'youth-seats', 'neutral')));
    expect(await tally('youth-seats')).toEqual({ support: 1, oppose: 0, neutral: 60, comments: 0 });
    await Promise.all(people.map((id) => withdraw(id, 'youth-seats')));
    expect(await tally('youth-seats')).toEqual({ support: 1, oppose: 0, neutral: 0, comments: 0 });
    expect(await voteItems('youth-seats')).toHaveLength(1);
  }, 60_000);
});

describe("a first-time visitor's retried vote", () => {
  it('counts once when the answer (and its cookie) was lost and the browser retries with the same key', async () => {
    const before = await tally('youth-seats');
    const cookieless = () =>
      handler(
        participantRequest('PUT /api/commitments/{commitmentId}/vote', {
          body: { choice: 'oppose' },
          headers: { 'idempotency-key': 'first-visit-vote' },
          pathParameters: { commitmentId: 'youth-seats' },
        }),
      );
    const first = await cookieless();
    const retries = await Promise.all(Array.from({ length: 10 }, cookieless));
    expect([first, ...retries].map((r) => r.statusCode)).toEqual(Array(11).fill(200));
    expect(new Set([first, ...retries].map((r) => r.cookies?.[0])).size).toBe(1);
    expect(await tally('youth-seats')).toEqual({ ...before, oppose: (before?.oppose ?? 0) + 1 });
  });
});

describe('rate limits on DynamoDB Local', () => {
  it('answers 429 with Retry-After once a participant exceeds the per-minute limit, and counts exactly', async () => {
    const limited = createParticipationHandler(
      testPipeline(new Date('2026-12-10T12:00:10Z'), {
        rateLimiter: createDynamoRateLimiter(table.documents, table.tableName),
        rateLimits: { perParticipantPerMinute: 5, perIpPerMinute: 1000 },
      }),
      voteActions({
        catalog: new Catalog(catalogFixture),
        votes: createDynamoVoteRepository(table.documents, table.tableName),
      }),
    );
    const participantId = ulid();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        limited(
          participantRequest('PUT /api/commitments/{commitmentId}/vote', {
            participantId,
            body: { choice: 'support' },
            pathParameters: { commitmentId: 'public-meetings' },
          }),
        ),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const limitedResult = results.find((r) => r.statusCode === 429);
    expect(limitedResult?.headers?.['retry-after']).toBe('50');
  });
});
