import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoModerationRepository } from '#functions/repositories/moderation-repository.ts';
import { keys, shardOf } from '#shared/keys.ts';
import { authorizeGroups, claimList, staffIdentity } from '#shared/staff.ts';
import { commentItem } from '../support/comment-items.ts';
import { gatewayClaims } from '../support/staff.ts';

const TABLE = 'konsulto-test';
const AUTHOR = '01KA0000000000000000000001';
const PARENT = '01KA00000000000000000000P1';
const REPLY = '01KA00000000000000000000R1';
const AT = '2026-12-10T12:00:00.000Z';
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documents);
const moderation = createDynamoModerationRepository(documents, TABLE);
const actor = { sub: 'sub-moderator', username: 'mira.moderator' };

const publishedReply = (version = 4) => ({
  ...commentItem({ id: REPLY, parentId: PARENT, participantId: AUTHOR, version, agree: 2 }),
  gsi5pk: 'CONSULTATION#open-one#MODERATION#reported',
  gsi5sk: REPLY,
  reportCount: 1,
});

beforeEach(() => dynamo.reset());

describe('the moderation transaction', () => {
  it('hides a reported reply with exactly: comment update on its version, tally and parent counts, audit entry', async () => {
    dynamo.on(GetCommand).resolves({ Item: publishedReply() });
    dynamo.on(TransactWriteCommand).resolves({});

    const { comment, auditId } = await moderation.apply(REPLY, { action: 'hide', reason: 'hate', actor, at: AT });

    expect(comment).toMatchObject({ status: 'hidden', version: 5, gsi5pk: 'CONSULTATION#open-one#MODERATION#hidden' });
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.TransactItems).toEqual([
      {
        Update: {
          TableName: TABLE,
          Key: keys.comment(REPLY),
          UpdateExpression:
            'SET #status = :to, #version = :next, gsi5pk = :gsi5pk, gsi5sk = :gsi5sk REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':to': 'hidden',
            ':version': 4,
            ':next': 5,
            ':gsi5pk': 'CONSULTATION#open-one#MODERATION#hidden',
            ':gsi5sk': REPLY,
          },
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: keys.tallyShard('youth-seats', shardOf(AUTHOR)),
          UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #comments :delta',
          ExpressionAttributeNames: { '#type': 'type', '#comments': 'comments' },
          ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': 'youth-seats', ':delta': -1 },
        },
      },
      {
        Update: {
          TableName: TABLE,
          Key: keys.comment(PARENT),
          UpdateExpression: 'ADD replyCount :delta',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':delta': -1 },
        },
      },
      {
        Put: {
          TableName: TABLE,
          Item: {
            ...keys.audit('open-one', auditId),
            type: 'AUDIT',
            id: auditId,
            consultationId: 'open-one',
            at: AT,
            actor,
            action: 'comment.hide',
            target: { kind: 'comment', id: REPLY },
            from: 'published',
            to: 'hidden',
            reason: 'hate',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  });

  it('restores into the public lists with the current agree count and the unanswered list', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { ...commentItem({ id: REPLY, participantId: AUTHOR, status: 'hidden', agree: 7 }), gsi5pk: 'x' },
    });
    dynamo.on(TransactWriteCommand).resolves({});
    await moderation.apply(REPLY, { action: 'restore', actor, at: AT });
    const [update] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({
      ':to': 'published',
      ':gsi1pk': 'COMMITMENT#youth-seats#COMMENTS',
      ':gsi3sk': `0000000007#${REPLY}`,
      ':gsi5pk': 'CONSULTATION#open-one#UNANSWERED',
      ':gsi5sk': `youth-seats#${REPLY}`,
    });
    expect(update?.Update?.UpdateExpression).not.toContain('REMOVE');
  });

  it('re-reads and re-plans when the comment changed in between (a reaction bumped its version)', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: publishedReply(4) })
      .resolves({ Item: publishedReply(5) });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [
            { Code: 'ConditionalCheckFailed' },
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'None' },
          ],
        }),
      )
      .resolves({});
    const { comment } = await moderation.apply(REPLY, { action: 'approve', actor, at: AT });
    expect(comment.version).toBe(6);
    const attempts = dynamo.commandCalls(TransactWriteCommand);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.args[0].input.TransactItems?.[0]?.Update?.ExpressionAttributeValues?.[':version']).toBe(5);
  });

  it('writes nothing for a moderator acting on their own comment or an action that does not apply', async () => {
    dynamo.on(GetCommand).resolves({ Item: publishedReply() });
    await expect(
      moderation.apply(REPLY, { action: 'hide', reason: 'spam', actor, at: AT, participantId: AUTHOR }),
    ).rejects.toThrow('own contribution');
    await expect(moderation.apply(REPLY, { action: 'restore', actor, at: AT })).rejects.toThrow('cannot restore');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('staff claims', () => {
  it('reads groups as API Gateway renders them, as arrays and as one value', () => {
    expect(claimList('[moderator admin]')).toEqual(['moderator', 'admin']);
    expect(claimList(['drafter'])).toEqual(['drafter']);
    expect(claimList('admin')).toEqual(['admin']);
    expect(claimList(undefined)).toEqual([]);
  });

  it('needs an access token with a subject, and ignores unknown groups', () => {
    expect(staffIdentity(gatewayClaims('admin', { 'cognito:groups': ['admin', 'root'] }))).toEqual({
      sub: 'sub-admin',
      username: 'ana.admin',
      groups: ['admin'],
    });
    expect(() => staffIdentity(undefined)).toThrow('no verified token');
    expect(() => staffIdentity(gatewayClaims('admin', { token_use: 'id' }))).toThrow('access token');
    expect(() => staffIdentity(gatewayClaims('admin', { sub: '' }))).toThrow('subject');
  });

  it('allows a member of one of the groups only', () => {
    const drafter = staffIdentity(gatewayClaims('drafter'));
    expect(() => authorizeGroups(drafter, ['drafter', 'admin'])).not.toThrow();
    expect(() => authorizeGroups(drafter, ['admin'])).toThrow('none of the groups');
  });
});
