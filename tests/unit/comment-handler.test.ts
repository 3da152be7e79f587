import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { commentActions } from '#functions/participation/comments.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { reportActions } from '#functions/participation/reports.ts';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { type CommentItem, newCommentItem, reportEffect, toPublicComment } from '#shared/comments.ts';
import { shardOf } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

const TABLE = 'konsulto-test';
const AUTHOR = '01JAVTH0R00000000000000001';
const PARENT_ID = '01JPARENT00000000000000001';
const COMMENT_ID = '01JC0MMENT0000000000000001';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }), {
  marshallOptions: { removeUndefinedValues: true },
});
const dynamo = mockClient(documents);
const comments = createDynamoCommentRepository(documents, TABLE);
const handler = createParticipationHandler(testPipeline(NOW), {
  ...commentActions({ catalog: new Catalog(catalogFixture), comments, newId: () => COMMENT_ID }),
  ...reportActions({ comments }),
});

const postComment = (body: unknown, headers: Record<string, string> = {}) =>
  handler(
    participantRequest('POST /api/commitments/{commitmentId}/comments', {
      participantId: AUTHOR,
      body,
      headers,
      pathParameters: { commitmentId: 'youth-seats' },
    }),
  );

const tallyUpdate = (delta: number) => ({
  Update: {
    TableName: TABLE,
    Key: { pk: `COMMITMENT#youth-seats#TALLY#${shardOf(AUTHOR)}`, sk: 'TALLY' },
    UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #comments :delta',
    ExpressionAttributeNames: { '#type': 'type', '#comments': 'comments' },
    ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': 'youth-seats', ':delta': delta },
  },
});

const publishedParent = (overrides: Partial<CommentItem> = {}): CommentItem => ({
  ...newCommentItem({
    id: PARENT_ID,
    consultationId: 'open-one',
    commitmentId: 'youth-seats',
    sectionId: 'causes',
    body: 'Komenti prind.',
    participantId: '01J0THER000000000000000001',
    createdAt: '2026-12-09T10:00:00.000Z',
    status: 'published',
  }),
  ...overrides,
});

beforeEach(() => {
  dynamo.reset();
  dynamo.on(GetCommand).resolves({});
});

describe('POST /api/commitments/{commitmentId}/comments', () => {
  it('writes a top-level comment, its owner pointer, its count and the idempotency record in one transaction', async () => {
    dynamo.on(GetCommand, { Key: { pk: `PARTICIPANT#${AUTHOR}`, sk: 'PROFILE' } }).resolves({
      Item: { displayName: 'Arta' },
    });
    dynamo.on(TransactWriteCommand).resolves({});

    const result = await postComment(
      { body: '  Më shumë takime\r\nme të rinjtë.  ', sectionId: 'problem' },
      { 'idempotency-key': 'retry-1' },
    );

    const expectedBody = {
      id: COMMENT_ID,
      commitmentId: 'youth-seats',
      sectionId: 'problem',
      body: 'Më shumë takime\nme të rinjtë.',
      displayName: 'Arta',
      createdAt: NOW.toISOString(),
      status: 'published',
      reactions: { agree: 0, disagree: 0, pass: 0 },
      replyCount: 0,
    };
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toEqual(expectedBody);
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: TABLE,
            Item: {
              pk: `COMMENT#${COMMENT_ID}`,
              sk: 'COMMENT',
              type: 'COMMENT',
              id: COMMENT_ID,
              consultationId: 'open-one',
              commitmentId: 'youth-seats',
              sectionId: 'problem',
              body: 'Më shumë takime\nme të rinjtë.',
              displayName: 'Arta',
              participantId: AUTHOR,
              tallyShard: shardOf(AUTHOR),
              createdAt: NOW.toISOString(),
              status: 'published',
              agree: 0,
              disagree: 0,
              pass: 0,
              replyCount: 0,
              reportCount: 0,
              version: 1,
              gsi1pk: 'COMMITMENT#youth-seats#COMMENTS',
              gsi1sk: COMMENT_ID,
              gsi2pk: 'COMMITMENT#youth-seats#SECTION#problem',
              gsi2sk: COMMENT_ID,
              gsi3pk: 'COMMITMENT#youth-seats#COMMENTS',
              gsi3sk: `0000000000#${COMMENT_ID}`,
              gsi4pk: 'COMMITMENT#youth-seats#SECTION#problem',
              gsi4sk: `0000000000#${COMMENT_ID}`,
              // The drafters' unanswered list (issue 6), by commitment.
              gsi5pk: 'CONSULTATION#open-one#UNANSWERED',
              gsi5sk: `youth-seats#${COMMENT_ID}`,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: TABLE,
            Item: {
              pk: `PARTICIPANT#${AUTHOR}`,
              sk: `COMMENT#${COMMENT_ID}`,
              type: 'OWN_COMMENT',
              commentId: COMMENT_ID,
            },
          },
        },
        tallyUpdate(1),
        {
          Put: {
            TableName: TABLE,
            Item: {
              pk: `PARTICIPANT#${AUTHOR}`,
              sk: 'IDEMPOTENCY#retry-1',
              type: 'IDEMPOTENCY',
              status: 201,
              body: JSON.stringify(expectedBody),
              expiresAt: NOW.getTime() / 1000 + 24 * 3600,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    // Nothing is written outside the transaction.
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("writes a reply in its parent's section, on the replies index only, and counts it on the parent", async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMMENT#${PARENT_ID}`, sk: 'COMMENT' } }).resolves({ Item: publishedParent() });
    dynamo.on(TransactWriteCommand).resolves({});

    const result = await postComment({ body: 'Dakord.', parentId: PARENT_ID });

    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toEqual({
      id: COMMENT_ID,
      commitmentId: 'youth-seats',
      sectionId: 'causes',
      parentId: PARENT_ID,
      body: 'Dakord.',
      createdAt: NOW.toISOString(),
      status: 'published',
      reactions: { agree: 0, disagree: 0, pass: 0 },
      replyCount: 0,
    });
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.TransactItems).toEqual([
      {
        Put: {
          TableName: TABLE,
          Item: {
            pk: `COMMENT#${COMMENT_ID}`,
            sk: 'COMMENT',
            type: 'COMMENT',
            id: COMMENT_ID,
            consultationId: 'open-one',
            commitmentId: 'youth-seats',
            sectionId: 'causes',
            parentId: PARENT_ID,
            body: 'Dakord.',
            participantId: AUTHOR,
            tallyShard: shardOf(AUTHOR),
            createdAt: NOW.toISOString(),
            status: 'published',
            agree: 0,
            disagree: 0,
            pass: 0,
            replyCount: 0,
            reportCount: 0,
            version: 1,
            gsi1pk: `COMMENT#${PARENT_ID}#REPLIES`,
            gsi1sk: COMMENT_ID,
            gsi5pk: 'CONSULTATION#open-one#UNANSWERED',
            gsi5sk: `youth-seats#${COMMENT_ID}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: TABLE,
          Item: {
            pk: `PARTICIPANT#${AUTHOR}`,
            sk: `COMMENT#${COMMENT_ID}`,
            type: 'OWN_COMMENT',
            commentId: COMMENT_ID,
          },
        },
      },
      tallyUpdate(1),
      {
        Update: {
          TableName: TABLE,
          Key: { pk: `COMMENT#${PARENT_ID}`, sk: 'COMMENT' },
          UpdateExpression: 'ADD replyCount :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :published',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':published': 'published' },
        },
      },
    ]);
  });

  it('refuses a reply to a reply (400 on parentId) and to an unknown comment (404), writing nothing', async () => {
    dynamo
      .on(GetCommand, { Key: { pk: `COMMENT#${PARENT_ID}`, sk: 'COMMENT' } })
      .resolves({ Item: publishedParent({ parentId: '01JT0P0000000000000000000A' }) });
    const toReply = await postComment({ body: 'Dakord.', parentId: PARENT_ID });
    expect(toReply.statusCode).toBe(400);
    expect(JSON.parse(toReply.body ?? '').errors.map((e: { field: string }) => e.field)).toEqual(['parentId']);

    const toUnknown = await postComment({ body: 'Dakord.', parentId: '01JVNKN0WN0000000000000001' });
    expect(toUnknown.statusCode).toBe(404);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 404 when the parent stops being published before the reply lands (its condition fails)', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMMENT#${PARENT_ID}`, sk: 'COMMENT' } }).resolves({ Item: publishedParent() });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    const result = await postComment({ body: 'Dakord.', parentId: PARENT_ID });
    expect(result.statusCode).toBe(404);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 503 with Retry-After when DynamoDB throttles, and writes nothing else', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    const result = await postComment({ body: 'Një koment.' }, { 'idempotency-key': 'k1' });

    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(result.body ?? '')).toMatchObject({ status: 503, code: 'service-unavailable' });
    expect(result.cookies).toBeUndefined();
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('retries a transaction cancelled by throttling, then gives up with 503 and Retry-After', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const result = await postComment({ body: 'Një koment.' });
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(8);
  });

  it('replays the stored answer for a used idempotency key without writing', async () => {
    const stored = { id: '01JSTORED00000000000000001', status: 'pending' };
    dynamo
      .on(GetCommand, { Key: { pk: `PARTICIPANT#${AUTHOR}`, sk: 'IDEMPOTENCY#again' } })
      .resolves({ Item: { status: 202, body: JSON.stringify(stored) } });
    const result = await postComment({ body: 'Një koment.' }, { 'idempotency-key': 'again' });
    expect(result.statusCode).toBe(202);
    expect(result.body).toBe(JSON.stringify(stored));
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it.each([
    ['too long', 'k'.repeat(65)],
    ['with other characters', 'key with spaces'],
    ['empty', ''],
  ])('refuses an Idempotency-Key header %s with a 400 naming the header', async (_, key) => {
    const result = await postComment({ body: 'Një koment.' }, { 'idempotency-key': key });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '').errors.map((e: { field: string }) => e.field)).toEqual(['Idempotency-Key']);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers a filled honeypot as if accepted, without reading or writing anything', async () => {
    const result = await postComment({ body: 'Buy now', website: 'http://spam.example' });
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toMatchObject({ id: COMMENT_ID, body: 'Buy now', status: 'published' });
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('comment rules', () => {
  it('queues a comment on its first report and hides it on the report that reaches three, not after', () => {
    expect(reportEffect({ status: 'published', reportCount: 0 })).toEqual({ enqueue: true, hide: false });
    expect(reportEffect({ status: 'published', reportCount: 1 })).toEqual({ enqueue: false, hide: false });
    expect(reportEffect({ status: 'published', reportCount: 2 })).toEqual({ enqueue: false, hide: true });
    expect(reportEffect({ status: 'published', reportCount: 3 })).toEqual({ enqueue: false, hide: false });
    expect(reportEffect({ status: 'hidden', reportCount: 2 })).toEqual({ enqueue: false, hide: false });
  });

  it('shows a deleted comment without text or name, and never the participant, reports or index keys', () => {
    const item = { ...publishedParent({ displayName: 'Arta', reportCount: 2 }), status: 'deleted' as const };
    const view = toPublicComment(item);
    expect(view).toEqual({
      id: PARENT_ID,
      commitmentId: 'youth-seats',
      sectionId: 'causes',
      body: '',
      createdAt: '2026-12-09T10:00:00.000Z',
      status: 'deleted',
      reactions: { agree: 0, disagree: 0, pass: 0 },
      replyCount: 0,
    });
  });
});
