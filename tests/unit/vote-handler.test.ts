import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { beforeEach, describe, expect, it } from 'vitest';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { voteActions } from '#functions/participation/votes.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { indexKeys, keys, shardOf } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documents);
const handler = createParticipationHandler(
  testPipeline(NOW),
  voteActions({ catalog: new Catalog(catalogFixture), votes: createDynamoVoteRepository(documents, 'konsulto-test') }),
);
const vote = (participantId: string | undefined, body: unknown, commitmentId = 'youth-seats') =>
  handler(
    participantRequest('PUT /api/commitments/{commitmentId}/vote', {
      ...(participantId ? { participantId } : {}),
      body,
      pathParameters: { commitmentId },
    }),
  );

const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

beforeEach(() => dynamo.reset());

describe('PUT /api/commitments/{commitmentId}/vote', () => {
  it('writes a first vote and its tally increment in one transaction, with no read before it', async () => {
    const participantId = ulid();
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await vote(participantId, { choice: 'support' });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ commitmentId: 'youth-seats', choice: 'support' });
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.TransactItems).toEqual([
      {
        Put: {
          TableName: 'konsulto-test',
          Item: {
            ...keys.vote(participantId, 'youth-seats'),
            type: 'VOTE',
            participantId,
            commitmentId: 'youth-seats',
            consultationId: 'open-one',
            choice: 'support',
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
            gsi1pk: indexKeys.commitmentVotes('youth-seats', shardOf(participantId)),
            gsi1sk: participantId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: 'konsulto-test',
          Key: keys.tallyShard('youth-seats', shardOf(participantId)),
          UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #c0 :d0',
          ExpressionAttributeNames: { '#type': 'type', '#c0': 'support' },
          ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': 'youth-seats', ':d0': 1 },
        },
      },
    ]);
    expect(result.cookies).toBeUndefined();
  });

  it('changes an existing vote conditioned on the previous choice, moving one count between choices', async () => {
    const participantId = ulid();
    dynamo.on(TransactWriteCommand).rejectsOnce(conditionFailed()).resolves({});
    dynamo.on(GetCommand).resolves({ Item: { choice: 'oppose' } });
    const result = await vote(participantId, { choice: 'neutral' });
    expect(result.statusCode).toBe(200);
    const second = dynamo.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems;
    expect(second?.[0]).toEqual({
      Update: {
        TableName: 'konsulto-test',
        Key: keys.vote(participantId, 'youth-seats'),
        UpdateExpression: 'SET choice = :choice, updatedAt = :at',
        ConditionExpression: 'choice = :previous',
        ExpressionAttributeValues: { ':choice': 'neutral', ':previous': 'oppose', ':at': NOW.toISOString() },
      },
    });
    expect(second?.[1]?.Update?.ExpressionAttributeNames).toEqual({
      '#type': 'type',
      '#c0': 'oppose',
      '#c1': 'neutral',
    });
    expect(second?.[1]?.Update?.ExpressionAttributeValues).toMatchObject({ ':d0': -1, ':d1': 1 });
  });

  it('writes nothing when the participant repeats the same choice', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { choice: 'support' } });
    expect((await vote(ulid(), { choice: 'support' })).statusCode).toBe(200);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('gives a new participant a signed identity cookie', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await vote(undefined, { choice: 'support' });
    expect(result.statusCode).toBe(200);
    expect(result.cookies).toHaveLength(1);
    expect(result.cookies?.[0]).toMatch(
      /^konsulto_participant=[0-9A-Z]{26}\.[\w-]+; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/,
    );
  });

  it.each([
    [{ choice: 'maybe' }, 'choice'],
    [{ choice: 'support', tally: 100 }, '(body)'],
    [{}, 'choice'],
  ])('refuses %j with 400 naming %s, writing nothing', async (body, field) => {
    const result = await vote(ulid(), body);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '').errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses votes on closed, upcoming and unknown commitments', async () => {
    expect((await vote(ulid(), { choice: 'support' }, 'old-commitment')).statusCode).toBe(409);
    expect((await vote(ulid(), { choice: 'support' }, 'future-commitment')).statusCode).toBe(409);
    expect((await vote(ulid(), { choice: 'support' }, 'nope')).statusCode).toBe(404);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses a cross-site write with 403 before anything else', async () => {
    const event = participantRequest('PUT /api/commitments/{commitmentId}/vote', {
      body: { choice: 'support' },
      pathParameters: { commitmentId: 'youth-seats' },
      headers: { origin: 'https://evil.example' },
    });
    const result = await handler(event);
    expect(result.statusCode).toBe(403);
    expect(result.cookies).toBeUndefined();
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 503 with Retry-After when DynamoDB throttles, after which nothing is half-written', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    const result = await vote(ulid(), { choice: 'support' });
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});

describe('DELETE /api/commitments/{commitmentId}/vote', () => {
  it('deletes the vote conditioned on its choice and takes its count back', async () => {
    const participantId = ulid();
    dynamo.on(GetCommand).resolves({ Item: { choice: 'oppose' } });
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await handler(
      participantRequest('DELETE /api/commitments/{commitmentId}/vote', {
        participantId,
        pathParameters: { commitmentId: 'youth-seats' },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ commitmentId: 'youth-seats', choice: null });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems;
    expect(items?.[0]?.Delete).toMatchObject({ ConditionExpression: 'choice = :previous' });
    expect(items?.[1]?.Update?.ExpressionAttributeValues).toMatchObject({ ':d0': -1 });
  });
});
