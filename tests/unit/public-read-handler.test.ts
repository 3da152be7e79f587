import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPublicReadHandler } from '#functions/consultations/public-read.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { Catalog } from '#shared/catalog.ts';
import { keys, TALLY_SHARDS } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documents);
const handler = createPublicReadHandler({
  catalog: new Catalog(catalogFixture),
  tallies: createDynamoTallyReader(documents, 'konsulto-test'),
  comments: createDynamoCommentReader(documents, 'konsulto-test'),
  clock: () => NOW,
});

const getConsultation = (consultationId: string, headers: Record<string, string> = {}) =>
  handler(httpEvent('GET /api/consultations/{consultationId}', { pathParameters: { consultationId }, headers }));

beforeEach(() => dynamo.reset());

describe('GET /api/consultations/{consultationId}', () => {
  it('reads every tally shard of every commitment in one BatchGetItem and adds the shards up', async () => {
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        'konsulto-test': [
          { ...keys.tallyShard('youth-seats', 0), support: 2, oppose: 1 },
          { ...keys.tallyShard('youth-seats', 7), support: 3, neutral: 4, comments: 5 },
          { ...keys.tallyShard('public-meetings', 3), oppose: 6 },
        ],
      },
    });
    const result = await getConsultation('open-one');
    expect(result.statusCode).toBe(200);
    const calls = dynamo.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.RequestItems?.['konsulto-test']?.Keys).toEqual([
      ...keys.allTallyShards('youth-seats'),
      ...keys.allTallyShards('public-meetings'),
    ]);
    expect(calls[0]?.args[0].input.RequestItems?.['konsulto-test']?.Keys).toHaveLength(2 * TALLY_SHARDS);
    const body = JSON.parse(result.body ?? '');
    expect(body.consultation).toMatchObject({ id: 'open-one', phase: 'open', moderationMode: 'post' });
    expect(body.commitments.map((c: { id: string; tally: unknown }) => [c.id, c.tally])).toEqual([
      ['youth-seats', { support: 5, oppose: 1, neutral: 4, comments: 5 }],
      ['public-meetings', { support: 0, oppose: 6, neutral: 0, comments: 0 }],
    ]);
  });

  it('retries unprocessed keys until every shard is read', async () => {
    const pending = keys.allTallyShards('public-meetings');
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { 'konsulto-test': [{ ...keys.tallyShard('youth-seats', 1), support: 1 }] },
        UnprocessedKeys: { 'konsulto-test': { Keys: pending } },
      })
      .resolvesOnce({ Responses: { 'konsulto-test': [{ ...keys.tallyShard('public-meetings', 2), support: 9 }] } });
    const body = JSON.parse((await getConsultation('open-one')).body ?? '');
    expect(dynamo.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.['konsulto-test']?.Keys).toEqual(
      pending,
    );
    expect(body.commitments.map((c: { tally: { support: number } }) => c.tally.support)).toEqual([1, 9]);
  });

  it('answers 404 in the asked language for an unknown or draft consultation, without reading the table', async () => {
    const result = await getConsultation('draft-one', { 'accept-language': 'en' });
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '').detail).toBe('The consultation was not found.');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 503 with Retry-After when DynamoDB throttles', async () => {
    dynamo
      .on(BatchGetCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    const result = await getConsultation('open-one');
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
  });
});

describe('GET /api/consultations', () => {
  it('lists published consultations, open first, with their commitment counts, without touching the table', async () => {
    const result = await handler(httpEvent('GET /api/consultations'));
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '');
    expect(
      body.consultations.map((c: { id: string; phase: string; commitmentCount: number }) => [
        c.id,
        c.phase,
        c.commitmentCount,
      ]),
    ).toEqual([
      ['open-one', 'open', 2],
      ['upcoming-one', 'upcoming', 1],
      ['closed-one', 'closed', 1],
    ]);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
