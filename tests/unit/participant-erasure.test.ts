import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoParticipantRepository } from '#functions/repositories/participant-repository.ts';
import { keys } from '#shared/keys.ts';

const TABLE = 'konsulto-test';
const PARTICIPANT = '01KA0000000000000000000001';
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documents);
const participants = createDynamoParticipantRepository(documents, TABLE);

const vote = (choice: string) => ({
  ...keys.vote(PARTICIPANT, 'youth-seats'),
  type: 'VOTE',
  participantId: PARTICIPANT,
  commitmentId: 'youth-seats',
  consultationId: 'open-one',
  choice,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  gsi1pk: 'COMMITMENT#youth-seats#VOTES#3',
  gsi1sk: PARTICIPANT,
});

beforeEach(() => dynamo.reset());

describe('erasure', () => {
  it('moves the vote as it is when it changed during the erasure, so the tally still matches', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [vote('support')] })
      .resolves({ Items: [] });
    dynamo.on(GetCommand).resolves({ Item: vote('oppose') });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        }),
      )
      .resolves({});

    expect(await participants.erase(PARTICIPANT)).toEqual({
      profile: 0,
      votes: 1,
      reactions: 0,
      comments: 0,
      reports: 0,
      other: 0,
    });

    const moves = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems);
    expect(moves).toHaveLength(2);
    expect(moves[0]?.[1]?.Delete).toEqual({
      TableName: TABLE,
      Key: keys.vote(PARTICIPANT, 'youth-seats'),
      ConditionExpression: '#field = :value',
      ExpressionAttributeNames: { '#field': 'choice' },
      ExpressionAttributeValues: { ':value': 'support' },
    });
    const copy = moves[1]?.[0]?.Put?.Item;
    expect(copy).toMatchObject({ choice: 'oppose', gsi1pk: 'COMMITMENT#youth-seats#VOTES#3', type: 'VOTE' });
    expect(copy?.participantId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(copy?.participantId).not.toBe(PARTICIPANT);
    expect(copy).toMatchObject({
      ...keys.vote(String(copy?.participantId), 'youth-seats'),
      gsi1sk: copy?.participantId,
    });
    expect(moves[1]?.[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(moves[1]?.[1]?.Delete?.ExpressionAttributeValues).toEqual({ ':value': 'oppose' });
  });

  it('deletes the pointer alone when the comment is no longer the participant’s', async () => {
    const pointer = {
      ...keys.ownComment(PARTICIPANT, '01KA00000000000000000000C1'),
      type: 'OWN_COMMENT',
      commentId: '01KA00000000000000000000C1',
    };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [pointer] })
      .resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    dynamo.on(DeleteCommand).resolves({});

    expect(await participants.erase(PARTICIPANT)).toEqual({
      profile: 0,
      votes: 0,
      reactions: 0,
      comments: 0,
      reports: 0,
      other: 0,
    });
    expect(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update).toMatchObject({
      Key: keys.comment('01KA00000000000000000000C1'),
      UpdateExpression: 'REMOVE displayName SET participantId = :erased ADD #version :one',
      ConditionExpression: 'participantId = :participant',
    });
    expect(dynamo.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key)).toEqual([
      keys.ownComment(PARTICIPANT, '01KA00000000000000000000C1'),
    ]);
  });
});
