import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { reactionActions } from '#functions/participation/reactions.ts';
import { createDynamoReactionRepository } from '#functions/repositories/reaction-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { agreedSortKey, keys } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { commentItem } from '../support/comment-items.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

const TABLE = 'konsulto-test';
const PARTICIPANT = '01KA0000000000000000000001';
const COMMENT = '01KA00000000000000000000C1';
const REPLY = '01KA00000000000000000000R1';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documents);
const handler = createParticipationHandler(
  testPipeline(NOW),
  reactionActions({
    catalog: new Catalog(catalogFixture),
    reactions: createDynamoReactionRepository(documents, TABLE),
  }),
);

const react = (commentId: string, reaction: string) =>
  handler(
    participantRequest('PUT /api/comments/{commentId}/reaction', {
      participantId: PARTICIPANT,
      body: { reaction },
      pathParameters: { commentId },
    }),
  );

/**
 * What GetItem returns: the comment before the write, the comment after it (the re-read; the same when absent), and
 * the participant's stored reaction (none when undefined).
 */
function given(
  before: Record<string, unknown> | undefined,
  { after = before, reaction }: { after?: Record<string, unknown> | undefined; reaction?: string } = {},
) {
  for (const id of [COMMENT, REPLY]) {
    dynamo
      .on(GetCommand, { Key: keys.comment(id) })
      .resolvesOnce({ Item: before })
      .resolves({ Item: after });
    dynamo
      .on(GetCommand, { Key: keys.reaction(PARTICIPANT, id) })
      .resolves({ Item: reaction ? { ...keys.reaction(PARTICIPANT, id), reaction } : undefined });
  }
}

beforeEach(() => {
  dynamo.reset();
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
});

const someone = '01KA0000000000000000000002';

describe('PUT /api/comments/{commentId}/reaction', () => {
  it('writes a first reaction and its count in one transaction, then the "most agreed" keys of the new count', async () => {
    given(
      commentItem({ id: COMMENT, participantId: someone, sectionId: 'problem', agree: 4, disagree: 1, version: 7 }),
      {
        // After the transaction: the new counts, the sort keys still those of the old count.
        after: {
          ...commentItem({
            id: COMMENT,
            participantId: someone,
            sectionId: 'problem',
            agree: 5,
            disagree: 1,
            version: 8,
          }),
          gsi3sk: agreedSortKey(4, COMMENT),
          gsi4sk: agreedSortKey(4, COMMENT),
        },
      },
    );
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({
      commentId: COMMENT,
      reaction: 'agree',
      reactions: { agree: 5, disagree: 1, pass: 0 },
    });
    const reads = dynamo.commandCalls(GetCommand).map((call) => call.args[0].input);
    expect(reads.map((read) => read.Key)).toEqual([
      keys.comment(COMMENT),
      keys.reaction(PARTICIPANT, COMMENT),
      keys.comment(COMMENT),
    ]);
    expect(reads.every((read) => read.ConsistentRead === true)).toBe(true);
    const writes = dynamo.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.args[0].input.TransactItems).toEqual([
      {
        Put: {
          TableName: TABLE,
          Item: {
            ...keys.reaction(PARTICIPANT, COMMENT),
            type: 'REACTION',
            participantId: PARTICIPANT,
            commentId: COMMENT,
            commitmentId: 'youth-seats',
            reaction: 'agree',
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: keys.comment(COMMENT),
          UpdateExpression: 'ADD #c0 :d0, #version :one',
          ConditionExpression: '#status = :published',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#c0': 'agree' },
          ExpressionAttributeValues: { ':published': 'published', ':one': 1, ':d0': 1 },
        },
      },
    ]);
    const keyUpdates = dynamo.commandCalls(UpdateCommand);
    expect(keyUpdates).toHaveLength(1);
    expect(keyUpdates[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: keys.comment(COMMENT),
      UpdateExpression: 'SET gsi3sk = :agreed, gsi4sk = :agreed',
      ConditionExpression: '#agree = :agree AND #status = :published AND attribute_exists(gsi3pk)',
      ExpressionAttributeNames: { '#agree': 'agree', '#status': 'status' },
      ExpressionAttributeValues: { ':agreed': `0000000005#${COMMENT}`, ':agree': 5, ':published': 'published' },
    });
  });

  it('changes agree to disagree: the old reaction is the condition, one count down and one up', async () => {
    given(commentItem({ id: COMMENT, participantId: someone, agree: 3, disagree: 2, pass: 1, version: 4 }), {
      reaction: 'agree',
      after: {
        ...commentItem({ id: COMMENT, participantId: someone, agree: 2, disagree: 3, pass: 1, version: 5 }),
        gsi3sk: agreedSortKey(3, COMMENT),
      },
    });
    const result = await react(COMMENT, 'disagree');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '').reactions).toEqual({ agree: 2, disagree: 3, pass: 1 });
    const writes = dynamo.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.args[0].input.TransactItems).toEqual([
      {
        Update: {
          TableName: TABLE,
          Key: keys.reaction(PARTICIPANT, COMMENT),
          UpdateExpression: 'SET reaction = :reaction, updatedAt = :at',
          ConditionExpression: 'reaction = :previous',
          ExpressionAttributeValues: { ':reaction': 'disagree', ':previous': 'agree', ':at': NOW.toISOString() },
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: keys.comment(COMMENT),
          UpdateExpression: 'ADD #c0 :d0, #c1 :d1, #version :one',
          ConditionExpression: '#status = :published',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#c0': 'agree', '#c1': 'disagree' },
          ExpressionAttributeValues: { ':published': 'published', ':one': 1, ':d0': -1, ':d1': 1 },
        },
      },
    ]);
    const keyUpdates = dynamo.commandCalls(UpdateCommand);
    expect(keyUpdates).toHaveLength(1);
    expect(keyUpdates[0]?.args[0].input).toMatchObject({
      UpdateExpression: 'SET gsi3sk = :agreed',
      ExpressionAttributeValues: { ':agreed': `0000000002#${COMMENT}`, ':agree': 2, ':published': 'published' },
    });
  });

  it('leaves the "most agreed" keys alone when they already match the count', async () => {
    given(commentItem({ id: COMMENT, participantId: someone, agree: 2, version: 1 }), {
      after: commentItem({ id: COMMENT, participantId: someone, agree: 2, pass: 1, version: 2 }),
    });
    const result = await react(COMMENT, 'pass');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '').reactions).toEqual({ agree: 2, disagree: 0, pass: 1 });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('accepts that a later reaction moved the count on before the keys were set', async () => {
    given(commentItem({ id: COMMENT, participantId: someone, version: 1 }), {
      after: { ...commentItem({ id: COMMENT, participantId: someone, agree: 1, version: 2 }), gsi3sk: 'stale' },
    });
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'moved on', $metadata: {} }));
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '').reactions).toEqual({ agree: 1, disagree: 0, pass: 0 });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('sets no "most agreed" sort key on a reply', async () => {
    given(commentItem({ id: REPLY, parentId: COMMENT, participantId: someone, version: 1 }), {
      after: commentItem({ id: REPLY, parentId: COMMENT, participantId: someone, pass: 1, version: 2 }),
    });
    const result = await react(REPLY, 'pass');

    expect(result.statusCode).toBe(200);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('writes nothing when the participant repeats the same reaction', async () => {
    given(commentItem({ id: COMMENT, participantId: someone, agree: 1, version: 2 }), { reaction: 'agree' });
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '').reactions).toEqual({ agree: 1, disagree: 0, pass: 0 });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('returns 404 for a hidden comment and writes nothing', async () => {
    given(commentItem({ id: COMMENT, participantId: someone, status: 'hidden' }));
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '').code).toBe('not-found');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('returns 404 for a comment that does not exist, and for an id that is not a ULID', async () => {
    given(undefined);
    expect((await react(COMMENT, 'agree')).statusCode).toBe(404);
    expect((await react('not-a-ulid', 'agree')).statusCode).toBe(404);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('returns 409 when the comment belongs to a closed consultation', async () => {
    given(
      commentItem({
        id: COMMENT,
        participantId: someone,
        consultationId: 'closed-one',
        commitmentId: 'old-commitment',
      }),
    );
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body ?? '').code).toBe('consultation-closed');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('returns 400 for an unknown reaction and reads nothing', async () => {
    const result = await react(COMMENT, 'love');
    expect(result.statusCode).toBe(400);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('re-reads and retries when the comment was hidden during the write, then answers 404', async () => {
    dynamo
      .on(GetCommand, { Key: keys.comment(COMMENT) })
      .resolvesOnce({ Item: commentItem({ id: COMMENT, participantId: someone }) })
      .resolves({ Item: commentItem({ id: COMMENT, participantId: someone, status: 'hidden', version: 2 }) });
    dynamo.on(GetCommand, { Key: keys.reaction(PARTICIPANT, COMMENT) }).resolves({});
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(404);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers 503 with Retry-After when DynamoDB throttles', async () => {
    given(commentItem({ id: COMMENT, participantId: someone }));
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    dynamo.on(TransactWriteCommand).rejects(throttled);
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(result.body ?? '').code).toBe('service-unavailable');
  });

  it('answers 503 with Retry-After when the transaction keeps being cancelled by throttling', async () => {
    given(commentItem({ id: COMMENT, participantId: someone }));
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
      }),
    );
    const result = await react(COMMENT, 'agree');

    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(8);
  });
});
