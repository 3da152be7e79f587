import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentActions } from '#functions/participation/comments.ts';
import { meActions } from '#functions/participation/me.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { reactionActions } from '#functions/participation/reactions.ts';
import { voteActions } from '#functions/participation/votes.ts';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoParticipantRepository } from '#functions/repositories/participant-repository.ts';
import { createDynamoReactionRepository } from '#functions/repositories/reaction-repository.ts';
import { createDynamoResponseRepository } from '#functions/repositories/response-repository.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { agreedSortKey, keys } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { commentItem, ownCommentItem } from '../support/comment-items.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

const catalog = new Catalog(catalogFixture);

let table: TestTable;
let handle: ReturnType<typeof createParticipationHandler>;

beforeAll(async () => {
  table = await createTestTable();
  const { documents, tableName } = table;
  handle = createParticipationHandler(testPipeline(NOW), {
    ...voteActions({ catalog, votes: createDynamoVoteRepository(documents, tableName) }),
    ...commentActions({ catalog, comments: createDynamoCommentRepository(documents, tableName) }),
    ...reactionActions({ catalog, reactions: createDynamoReactionRepository(documents, tableName) }),
    ...meActions({ participants: createDynamoParticipantRepository(documents, tableName), secureCookies: false }),
  });
});

afterAll(async () => {
  await table?.drop();
});

const request = (routeKey: string, options: Parameters<typeof participantRequest>[1]) =>
  handle(participantRequest(routeKey, options));

const react = (participantId: string, commentId: string, reaction: string) =>
  request('PUT /api/comments/{commentId}/reaction', {
    participantId,
    body: { reaction },
    pathParameters: { commentId },
  });
const vote = (participantId: string, commitmentId: string, choice: string) =>
  request('PUT /api/commitments/{commitmentId}/vote', {
    participantId,
    body: { choice },
    pathParameters: { commitmentId },
  });
const getMe = (participantId?: string) => request('GET /api/me', participantId ? { participantId } : {});

async function putComment(options: Parameters<typeof commentItem>[0]) {
  await table.documents.send(new PutCommand({ TableName: table.tableName, Item: commentItem(options) }));
}

async function storedComment(commentId: string) {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: keys.comment(commentId), ConsistentRead: true }),
  );
  return Item;
}

/** Every item of one type (test-only Scan of this file's own table). */
async function scanType(type: string, filter: Record<string, string> = {}) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter((item) => item.type === type && Object.entries(filter).every(([k, v]) => item[k] === v));
}

async function partition(participantId: string) {
  const { Items = [] } = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `PARTICIPANT#${participantId}` },
      ConsistentRead: true,
    }),
  );
  return Items;
}

async function tally(commitmentId: string) {
  const tallies = await createDynamoTallyReader(table.documents, table.tableName).tallies([commitmentId]);
  return tallies.get(commitmentId);
}

const body = (result: { body?: string }) => JSON.parse(result.body ?? '');

describe('PUT /api/comments/{commentId}/reaction on DynamoDB Local', () => {
  it('records a reaction and keeps the counts exact when it changes from agree to disagree', async () => {
    const commentId = ulid();
    const participantId = ulid();
    await putComment({ id: commentId, participantId: ulid(), sectionId: 'problem', agree: 2, disagree: 1 });

    const first = await react(participantId, commentId, 'agree');
    expect(first.statusCode).toBe(200);
    expect(body(first)).toEqual({ commentId, reaction: 'agree', reactions: { agree: 3, disagree: 1, pass: 0 } });
    expect(await storedComment(commentId)).toMatchObject({
      agree: 3,
      gsi3sk: agreedSortKey(3, commentId),
      gsi4sk: agreedSortKey(3, commentId),
    });

    const changed = await react(participantId, commentId, 'disagree');
    expect(changed.statusCode).toBe(200);
    expect(body(changed)).toEqual({ commentId, reaction: 'disagree', reactions: { agree: 2, disagree: 2, pass: 0 } });

    expect(await storedComment(commentId)).toMatchObject({
      agree: 2,
      disagree: 2,
      pass: 0,
      version: 3,
      gsi3sk: agreedSortKey(2, commentId),
      gsi4sk: agreedSortKey(2, commentId),
    });
    const { Item: reaction } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.reaction(participantId, commentId) }),
    );
    expect(reaction).toEqual({
      ...keys.reaction(participantId, commentId),
      type: 'REACTION',
      participantId,
      commentId,
      commitmentId: 'youth-seats',
      reaction: 'disagree',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
  });

  it('returns 404 for a comment that is pending moderation', async () => {
    const commentId = ulid();
    await putComment({ id: commentId, participantId: ulid(), status: 'pending' });
    const result = await react(ulid(), commentId, 'agree');
    expect(result.statusCode).toBe(404);
    expect(await storedComment(commentId)).toMatchObject({ agree: 0, version: 1 });
  });

  it('counts 100 concurrent reactions from 100 participants exactly, with the sort key of the final count', async () => {
    const commentId = ulid();
    await putComment({ id: commentId, participantId: ulid(), sectionId: 'causes' });
    const reactions = Array.from({ length: 100 }, (_, i) => (['agree', 'disagree', 'pass'] as const)[i % 3]);

    const results = await Promise.all(reactions.map((reaction) => react(ulid(), commentId, reaction ?? 'agree')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(100).fill(200));

    const stored = await storedComment(commentId);
    expect({ agree: stored?.agree, disagree: stored?.disagree, pass: stored?.pass }).toEqual({
      agree: 34,
      disagree: 33,
      pass: 33,
    });
    expect(stored?.version).toBe(101);
    expect(stored?.gsi3sk).toBe(agreedSortKey(34, commentId));
    expect(stored?.gsi4sk).toBe(agreedSortKey(34, commentId));
    expect(await scanType('REACTION', { commentId })).toHaveLength(100);
  });

  it('counts 50 concurrent identical reactions from one participant once', async () => {
    const commentId = ulid();
    const participantId = ulid();
    await putComment({ id: commentId, participantId: ulid() });

    const results = await Promise.all(Array.from({ length: 50 }, () => react(participantId, commentId, 'agree')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(results.map((r) => body(r).reactions)).toEqual(Array(50).fill({ agree: 1, disagree: 0, pass: 0 }));

    expect(await storedComment(commentId)).toMatchObject({
      agree: 1,
      disagree: 0,
      pass: 0,
      version: 2,
      gsi3sk: agreedSortKey(1, commentId),
    });
    expect(await scanType('REACTION', { commentId })).toHaveLength(1);
  });
});

describe('GET /api/me and PUT /api/me/profile on DynamoDB Local', () => {
  it('shows the participant their votes and reactions', async () => {
    const participantId = ulid();
    const [first, second] = [ulid(), ulid()].sort();
    await putComment({ id: first as string, participantId: ulid() });
    await putComment({ id: second as string, participantId: ulid() });
    expect((await vote(participantId, 'youth-seats', 'support')).statusCode).toBe(200);
    expect((await vote(participantId, 'public-meetings', 'oppose')).statusCode).toBe(200);
    expect((await react(participantId, first as string, 'pass')).statusCode).toBe(200);
    expect((await react(participantId, second as string, 'agree')).statusCode).toBe(200);

    const result = await getMe(participantId);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['cache-control']).toBe('no-store');
    expect(result.cookies).toBeUndefined();
    expect(body(result)).toEqual({
      profile: {},
      votes: [
        { commitmentId: 'public-meetings', choice: 'oppose' },
        { commitmentId: 'youth-seats', choice: 'support' },
      ],
      reactions: [
        { commentId: first, reaction: 'pass' },
        { commentId: second, reaction: 'agree' },
      ],
      comments: [],
    });
  });

  it('lists the participant’s own comments, newest first, with the drafters’ answer once given', async () => {
    const author = ulid();
    await request('PUT /api/me/profile', { participantId: author, body: { displayName: 'Arta nga Elbasani' } });
    const post = async (text: string, parentId?: string) => {
      const posted = await request('POST /api/commitments/{commitmentId}/comments', {
        participantId: author,
        body: { body: text, ...(parentId ? { parentId } : {}) },
        pathParameters: { commitmentId: 'public-meetings' },
      });
      expect(posted.statusCode).toBe(201);
      return body(posted).id as string;
    };
    const commentId = await post('Takimet të njoftohen dy javë përpara.');
    const replyId = await post('Dhe në rrjetet sociale të bashkisë.', commentId);
    await post('Një koment tjetër i të njëjtit autor.');

    const responseId = ulid();
    await createDynamoResponseRepository(table.documents, table.tableName).save({
      responseId,
      input: {
        contributions: [{ kind: 'comment', id: commentId }],
        disposition: 'accepted',
        justification: { sq: 'Pranohet: njoftimi dy javë përpara hyn në plan.' },
      },
      actor: { sub: 'drafter-1', username: 'drafter' },
      at: NOW.toISOString(),
    });
    // Someone else's comment is never listed.
    await putComment({ id: ulid(), participantId: ulid() });

    const me = body(await getMe(author)) as { comments: Record<string, unknown>[] };
    expect(me.comments).toHaveLength(3);
    expect(me.comments.map((c) => c.id)).toEqual([...me.comments.map((c) => c.id as string)].sort().reverse());
    const answered = me.comments.find((c) => c.id === commentId);
    expect(answered).toEqual({
      id: commentId,
      commitmentId: 'public-meetings',
      body: 'Takimet të njoftohen dy javë përpara.',
      status: 'published',
      createdAt: NOW.toISOString(),
      response: {
        disposition: 'accepted',
        justification: { sq: 'Pranohet: njoftimi dy javë përpara hyn në plan.' },
        respondedAt: NOW.toISOString(),
      },
    });
    expect(me.comments.find((c) => c.id === replyId)).toMatchObject({ parentId: commentId });
    expect(me.comments.find((c) => c.id === replyId)).not.toHaveProperty('response');
    expect(JSON.stringify(me)).not.toContain(author);
    expect(JSON.stringify(me.comments)).not.toContain('Arta nga Elbasani');
  });

  it('answers a request without a cookie with empty data and sets no cookie', async () => {
    const result = await getMe();
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ profile: {}, votes: [], reactions: [], comments: [] });
    expect(result.cookies).toBeUndefined();
    expect(result.headers?.['cache-control']).toBe('no-store');
  });

  it('stores the profile, shows it back, and deletes it when cleared', async () => {
    const participantId = ulid();
    const profile = {
      displayName: 'Arbër nga Elbasani',
      stakeholderType: 'youth',
      municipality: 'elbasan',
      ageBand: '18-24',
    };
    const saved = await request('PUT /api/me/profile', { participantId, body: profile });
    expect(saved.statusCode).toBe(200);
    expect(body(saved)).toEqual(profile);
    expect(await partition(participantId)).toEqual([
      {
        ...keys.participantProfile(participantId),
        type: 'PROFILE',
        participantId,
        ...profile,
        updatedAt: NOW.toISOString(),
      },
    ]);
    expect(body(await getMe(participantId)).profile).toEqual(profile);

    const partial = await request('PUT /api/me/profile', { participantId, body: { ageBand: '25-34' } });
    expect(body(partial)).toEqual({ ageBand: '25-34' });
    expect(body(await getMe(participantId)).profile).toEqual({ ageBand: '25-34' });

    const cleared = await request('PUT /api/me/profile', { participantId, body: {} });
    expect(cleared.statusCode).toBe(200);
    expect(body(cleared)).toEqual({});
    expect(await partition(participantId)).toEqual([]);
  });

  it('refuses an email in the profile and stores nothing', async () => {
    const participantId = ulid();
    const result = await request('PUT /api/me/profile', { participantId, body: { email: 'a@example.org' } });
    expect(result.statusCode).toBe(400);
    expect(await partition(participantId)).toEqual([]);
  });
});

describe('DELETE /api/me on DynamoDB Local', () => {
  it("erases the participant's reports (note dropped, count kept) and stored answers", async () => {
    const participantId = ulid();
    const reportedId = ulid();
    await putComment({ id: reportedId, participantId: ulid() });
    const comments = createDynamoCommentRepository(table.documents, table.tableName);
    await comments.report(reportedId, participantId, {
      reason: 'personal-data',
      note: 'Shkruan numrin tim +355 69 123 4567',
      createdAt: NOW.toISOString(),
    });
    const posted = await request('POST /api/commitments/{commitmentId}/comments', {
      participantId,
      body: { body: 'Një koment me çelës.' },
      headers: { 'idempotency-key': 'erase-me-1' },
      pathParameters: { commitmentId: 'youth-seats' },
    });
    expect(posted.statusCode).toBe(201);
    const kinds = (await partition(participantId)).map((item) => String(item.sk).split('#')[0]).sort();
    expect(kinds).toEqual(['COMMENT', 'IDEMPOTENCY', 'REPORT']);

    expect((await request('DELETE /api/me', { participantId })).statusCode).toBe(200);

    expect(await partition(participantId)).toEqual([]);
    const reports = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :report)',
        ExpressionAttributeValues: { ':pk': keys.comment(reportedId).pk, ':report': 'REPORT#' },
        ConsistentRead: true,
      }),
    );
    expect(reports.Items).toHaveLength(1);
    const [report] = reports.Items ?? [];
    expect(report).toEqual({
      pk: keys.comment(reportedId).pk,
      sk: expect.stringMatching(/^REPORT#[0-9A-Z]{26}$/),
      type: 'REPORT',
      reason: 'personal-data',
      createdAt: NOW.toISOString(),
    });
    expect(report?.sk).not.toBe(`REPORT#${participantId}`);
    expect((await storedComment(reportedId))?.reportCount).toBe(1);
  });

  it('erases the participant: profile gone, comments pseudonymised, votes and reactions kept only as counts', async () => {
    const participantId = ulid();
    const ownCommentId = ulid();
    const reactedCommentId = ulid();
    await putComment({ id: ownCommentId, participantId, displayName: 'Arbër', sectionId: 'objective' });
    await table.documents.send(
      new PutCommand({ TableName: table.tableName, Item: ownCommentItem(participantId, ownCommentId) }),
    );
    await putComment({ id: reactedCommentId, participantId: ulid() });
    await request('PUT /api/me/profile', { participantId, body: { displayName: 'Arbër', municipality: 'elbasan' } });
    expect((await vote(participantId, 'youth-seats', 'neutral')).statusCode).toBe(200);
    expect((await vote(participantId, 'public-meetings', 'support')).statusCode).toBe(200);
    expect((await react(participantId, reactedCommentId, 'disagree')).statusCode).toBe(200);
    expect((await react(ulid(), ownCommentId, 'agree')).statusCode).toBe(200);

    const talliesBefore = [await tally('youth-seats'), await tally('public-meetings')];
    const votesBefore = (await scanType('VOTE')).length;
    const reactionsBefore = (await scanType('REACTION')).length;
    const reactedBefore = await storedComment(reactedCommentId);
    const ownBefore = await storedComment(ownCommentId);

    const result = await request('DELETE /api/me', { participantId });
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ erased: true });
    expect(result.cookies).toEqual(['konsulto_participant=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);

    expect(await partition(participantId)).toEqual([]);
    const own = await storedComment(ownCommentId);
    expect(own).not.toHaveProperty('displayName');
    expect(own).toMatchObject({
      participantId: 'erased',
      status: 'published',
      body: ownBefore?.body,
      agree: 1,
      gsi3sk: agreedSortKey(1, ownCommentId),
      version: Number(ownBefore?.version) + 1,
    });
    expect([await tally('youth-seats'), await tally('public-meetings')]).toEqual(talliesBefore);
    expect((await scanType('VOTE')).length).toBe(votesBefore);
    expect((await scanType('REACTION')).length).toBe(reactionsBefore);
    expect(await storedComment(reactedCommentId)).toEqual(reactedBefore);

    // The anonymous copies: a pseudonym that is not the participant id, the same choices, the same tally shards.
    const moved = (await scanType('VOTE')).filter(
      (item) => item.commitmentId === 'youth-seats' && item.choice === 'neutral',
    );
    const pseudonym = moved.find((item) => item.participantId !== participantId)?.participantId as string;
    expect(pseudonym).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const anonymous = await partition(pseudonym);
    expect(anonymous.map((item) => [item.sk, item.choice ?? item.reaction])).toEqual([
      [`REACTION#${reactedCommentId}`, 'disagree'],
      ['VOTE#public-meetings', 'support'],
      ['VOTE#youth-seats', 'neutral'],
    ]);
    expect(anonymous.every((item) => item.participantId === pseudonym)).toBe(true);
    expect(JSON.stringify(anonymous)).not.toContain(participantId);
    expect(anonymous.find((item) => item.sk === 'VOTE#youth-seats')).toMatchObject({ gsi1sk: pseudonym });
    expect(anonymous.find((item) => item.sk === 'VOTE#youth-seats')?.gsi1pk).toMatch(
      /^COMMITMENT#youth-seats#VOTES#\d$/,
    );

    const again = await request('DELETE /api/me', { participantId });
    expect(again.statusCode).toBe(200);
    expect(body(again)).toEqual({ erased: true });
    expect(again.cookies).toEqual(['konsulto_participant=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
    expect((await scanType('VOTE')).length).toBe(votesBefore);
    expect(body(await getMe(participantId))).toEqual({ profile: {}, votes: [], reactions: [], comments: [] });
  });

  it('pseudonymises a comment written through the comment route, keeping its text, place and reactions', async () => {
    const author = ulid();
    await request('PUT /api/me/profile', { participantId: author, body: { displayName: 'Arta nga Elbasani' } });
    const posted = await request('POST /api/commitments/{commitmentId}/comments', {
      participantId: author,
      body: { body: 'Më shumë takime me të rinjtë.', sectionId: 'problem' },
      pathParameters: { commitmentId: 'public-meetings' },
    });
    expect(posted.statusCode).toBe(201);
    const commentId = body(posted).id as string;
    expect(body(posted).displayName).toBe('Arta nga Elbasani');
    expect((await react(ulid(), commentId, 'agree')).statusCode).toBe(200);
    expect((await react(author, commentId, 'agree')).statusCode).toBe(200);

    const erased = await request('DELETE /api/me', { participantId: author });
    expect(erased.statusCode).toBe(200);

    expect(await partition(author)).toEqual([]);
    const comment = await storedComment(commentId);
    expect(comment).not.toHaveProperty('displayName');
    expect(comment).toMatchObject({
      participantId: 'erased',
      status: 'published',
      body: 'Më shumë takime me të rinjtë.',
      agree: 2,
      gsi3sk: agreedSortKey(2, commentId),
      gsi4sk: agreedSortKey(2, commentId),
    });
    expect(JSON.stringify(comment)).not.toContain(author);
    expect(await scanType('REACTION', { commentId })).toHaveLength(2);
  });

  it('clears the cookie without creating an identity when there is none', async () => {
    const result = await request('DELETE /api/me', {});
    expect(result.statusCode).toBe(200);
    expect(result.cookies).toEqual(['konsulto_participant=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
  });
});
