import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory, ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#functions/commons/http.ts';
import { Catalog } from '#shared/catalog.ts';
import { type CommentItem, newCommentItem } from '#shared/comments.ts';
import { keys } from '#shared/keys.ts';
import { publicCommentSchema } from '#shared/schemas/api.ts';
import { NOW, scenarioCatalog } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { commentHandler, publicReadHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest } from '../support/participation.ts';

/**
 * Comments, replies and reports through the participation and public-read handlers on DynamoDB Local. Each scenario
 * uses its own commitment, so its lists hold exactly what it wrote.
 */
const SCENARIOS = ['posting', 'replies', 'idempotency', 'deletion', 'reports', 'paging'] as const;
const SECTIONS = ['problem', 'causes', 'objective', 'milestone-m1'];

const catalog = new Catalog(
  scenarioCatalog([...SCENARIOS, 'pre-moderated'], { title: (id) => id, sectionIds: SECTIONS }),
);

let table: TestTable;
let participate: ReturnType<typeof commentHandler>;
let read: ReturnType<typeof publicReadHandler>;

beforeAll(async () => {
  table = await createTestTable();
  participate = commentHandler(table, catalog);
  read = publicReadHandler(table, catalog);
});
afterAll(async () => {
  await table.drop();
});

const bodyOf = (result: HttpResult) => JSON.parse(result.body ?? '');
const fieldsOf = (result: HttpResult) => bodyOf(result).errors?.map((e: { field: string }) => e.field);

function postComment(
  participantId: string,
  commitmentId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return participate(
    participantRequest('POST /api/commitments/{commitmentId}/comments', {
      participantId,
      body,
      headers,
      pathParameters: { commitmentId },
    }),
  );
}

function deleteComment(participantId: string, commentId: string) {
  return participate(
    participantRequest('DELETE /api/comments/{commentId}', { participantId, pathParameters: { commentId } }),
  );
}

function report(participantId: string, commentId: string, reason = 'abuse') {
  return participate(
    participantRequest('POST /api/comments/{commentId}/reports', {
      participantId,
      body: { reason },
      pathParameters: { commentId },
    }),
  );
}

function listComments(commitmentId: string, query: Record<string, string> = {}) {
  return read(httpEvent('GET /api/commitments/{commitmentId}/comments', { pathParameters: { commitmentId }, query }));
}

async function listIds(commitmentId: string, query: Record<string, string> = {}): Promise<string[]> {
  const result = await listComments(commitmentId, query);
  expect(result.statusCode).toBe(200);
  return bodyOf(result).comments.map((c: { id: string }) => c.id);
}

function listReplies(commentId: string, query: Record<string, string> = {}) {
  return read(httpEvent('GET /api/comments/{commentId}/replies', { pathParameters: { commentId }, query }));
}

async function tallyComments(commitmentId: string): Promise<number> {
  const result = await read(
    httpEvent('GET /api/commitments/{commitmentId}/tally', { pathParameters: { commitmentId } }),
  );
  return bodyOf(result).tally.comments;
}

async function stored(commentId: string): Promise<CommentItem | undefined> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: keys.comment(commentId), ConsistentRead: true }),
  );
  return Item as CommentItem | undefined;
}

async function commentItemsOf(commitmentId: string): Promise<number> {
  const page = await table.documents.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#type = :type AND commitmentId = :commitmentId',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'COMMENT', ':commitmentId': commitmentId },
    }),
  );
  return page.Items?.length ?? 0;
}

describe('posting comments', () => {
  const author = ulid();

  it('publishes a comment with the profile name and lists it newest, most agreed and in its section', async () => {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.participantProfile(author), type: 'PROFILE', displayName: 'Arta nga Elbasani' },
      }),
    );
    const first = await postComment(author, 'posting', { body: 'Më shumë takime me të rinjtë.', sectionId: 'problem' });
    expect(first.statusCode).toBe(201);
    const comment = bodyOf(first);
    expect(comment).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      commitmentId: 'posting',
      sectionId: 'problem',
      body: 'Më shumë takime me të rinjtë.',
      displayName: 'Arta nga Elbasani',
      createdAt: NOW.toISOString(),
      status: 'published',
      reactions: { agree: 0, disagree: 0, pass: 0 },
      replyCount: 0,
    });
    expect(await stored(comment.id)).toMatchObject({ participantId: author, reportCount: 0, version: 1 });
    const { Item: pointer } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.ownComment(author, comment.id) }),
    );
    expect(pointer).toEqual({ ...keys.ownComment(author, comment.id), type: 'OWN_COMMENT', commentId: comment.id });

    const second = bodyOf(await postComment(author, 'posting', { body: 'Një koment për gjithë angazhimin.' }));

    const newest = await listComments('posting');
    expect(newest.statusCode).toBe(200);
    expect(newest.headers?.['cache-control']).toContain('s-maxage=5');
    expect(bodyOf(newest)).toEqual({ comments: [second, comment] });
    expect(JSON.stringify(bodyOf(newest))).not.toContain(author);
    expect(await listIds('posting', { sort: 'agreed' })).toEqual([second.id, comment.id]);
    expect(await listIds('posting', { section: 'problem' })).toEqual([comment.id]);
    expect(await listIds('posting', { section: 'problem', sort: 'agreed' })).toEqual([comment.id]);
    expect(await listIds('posting', { section: 'causes' })).toEqual([]);
    expect(await tallyComments('posting')).toBe(2);
  });

  it('refuses an unknown section (400 naming sectionId) and a closed consultation (409), storing nothing', async () => {
    const before = await table.countItems();
    const unknownSection = await postComment(author, 'posting', { body: 'Tekst.', sectionId: 'no-such-section' });
    expect(unknownSection.statusCode).toBe(400);
    expect(fieldsOf(unknownSection)).toEqual(['sectionId']);
    const closed = await postComment(author, 'old-commitment', { body: 'Tekst.' });
    expect(closed.statusCode).toBe(409);
    expect(bodyOf(closed).code).toBe('consultation-closed');
    expect(await table.countItems()).toBe(before);
  });

  it('keeps a pre-moderated comment out of every public list (202, pending queue, no count)', async () => {
    const result = await postComment(author, 'pre-moderated', { body: 'Pret moderimin.', sectionId: 'causes' });
    expect(result.statusCode).toBe(202);
    const { id } = bodyOf(result);
    expect(bodyOf(result)).toEqual({ id, status: 'pending' });
    const item = await stored(id);
    expect(item).toMatchObject({ status: 'pending', gsi5pk: 'CONSULTATION#pre-one#MODERATION#pending', gsi5sk: id });
    expect(item?.gsi1pk).toBeUndefined();
    expect(item?.gsi2pk).toBeUndefined();
    expect(await listIds('pre-moderated')).toEqual([]);
    expect(await listIds('pre-moderated', { section: 'causes', sort: 'agreed' })).toEqual([]);
    expect((await listReplies(id)).statusCode).toBe(404);
    expect(await tallyComments('pre-moderated')).toBe(0);
  });

  it('answers a filled honeypot exactly like an accepted comment and stores nothing', async () => {
    const before = await table.countItems();
    const result = await postComment(ulid(), 'posting', { body: 'Fitoni para shpejt!', website: 'spam.example' });
    expect(result.statusCode).toBe(201);
    const decoy = publicCommentSchema.parse(bodyOf(result));
    expect(decoy).toMatchObject({ commitmentId: 'posting', body: 'Fitoni para shpejt!', status: 'published' });
    expect(await stored(decoy.id)).toBeUndefined();
    expect(await table.countItems()).toBe(before);
  });

  it('validates the list query: unknown commitment 404, unknown section or parameter 400', async () => {
    expect((await listComments('no-such-commitment')).statusCode).toBe(404);
    const section = await listComments('posting', { section: 'nope' });
    expect(section.statusCode).toBe(400);
    expect(fieldsOf(section)).toEqual(['section']);
    const unknown = await listComments('posting', { order: 'asc' });
    expect(unknown.statusCode).toBe(400);
    expect((await listComments('posting', { lang: 'en', limit: '1' })).statusCode).toBe(200);
    expect((await listComments('posting', { limit: '51' })).statusCode).toBe(400);
  });
});

describe('replies', () => {
  const author = ulid();
  const replier = ulid();

  it('counts a reply on its parent and lists it under the parent, not in the thread', async () => {
    const parent = bodyOf(await postComment(author, 'replies', { body: 'Komenti kryesor.', sectionId: 'objective' }));
    const reply = await postComment(replier, 'replies', { body: 'Përgjigja ime.', parentId: parent.id });
    expect(reply.statusCode).toBe(201);
    expect(bodyOf(reply)).toMatchObject({ parentId: parent.id, sectionId: 'objective', status: 'published' });

    const thread = bodyOf(await listComments('replies'));
    expect(thread.comments).toEqual([{ ...parent, replyCount: 1 }]);
    expect(await listIds('replies', { section: 'objective' })).toEqual([parent.id]);
    const replies = await listReplies(parent.id);
    expect(replies.statusCode).toBe(200);
    expect(bodyOf(replies)).toEqual({ comments: [bodyOf(reply)] });
    expect(await tallyComments('replies')).toBe(2);
  });

  it('refuses replies to replies, to other commitments and to unknown comments', async () => {
    const parent = bodyOf(await postComment(author, 'replies', { body: 'Një tjetër.' }));
    const reply = bodyOf(await postComment(replier, 'replies', { body: 'Po.', parentId: parent.id }));
    const nested = await postComment(author, 'replies', { body: 'Jo.', parentId: reply.id });
    expect(nested.statusCode).toBe(400);
    expect(fieldsOf(nested)).toEqual(['parentId']);
    const elsewhere = await postComment(author, 'posting', { body: 'Jo.', parentId: parent.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(fieldsOf(elsewhere)).toEqual(['parentId']);
    expect((await postComment(author, 'replies', { body: 'Jo.', parentId: ulid() })).statusCode).toBe(404);
    expect((await listReplies(ulid())).statusCode).toBe(404);
    expect((await stored(parent.id))?.replyCount).toBe(1);
  });

  it('orders replies oldest first and pages them', async () => {
    const parent = bodyOf(await postComment(author, 'replies', { body: 'Pyetje.' }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(bodyOf(await postComment(replier, 'replies', { body: `Përgjigje ${i}`, parentId: parent.id })).id);
    }
    const first = bodyOf(await listReplies(parent.id, { limit: '2' }));
    expect(first.comments.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    const second = bodyOf(await listReplies(parent.id, { limit: '2', cursor: first.nextCursor }));
    expect(second).toEqual({ comments: [expect.objectContaining({ id: ids[2] })] });
  });
});

describe('idempotent retries', () => {
  const author = ulid();

  it('answers a sequential retry with the same status and body and writes once', async () => {
    const headers = { 'idempotency-key': 'sequential-1' };
    const first = await postComment(author, 'idempotency', { body: 'Vetëm një herë.' }, headers);
    const again = await postComment(author, 'idempotency', { body: 'Vetëm një herë.' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await commentItemsOf('idempotency')).toBe(1);
    expect(await tallyComments('idempotency')).toBe(1);
    const { Item } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.idempotency(author, 'sequential-1') }),
    );
    expect(Item).toMatchObject({
      type: 'IDEMPOTENCY',
      status: 201,
      body: first.body,
      expiresAt: NOW.getTime() / 1000 + 86_400,
    });
  });

  it('writes exactly one comment for 20 concurrent identical requests, all answered alike', async () => {
    const headers = { 'idempotency-key': 'concurrent-1' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => postComment(author, 'idempotency', { body: 'Njëkohësisht.' }, headers)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(await commentItemsOf('idempotency')).toBe(2);
    expect(await tallyComments('idempotency')).toBe(2);
    expect(await listIds('idempotency')).toHaveLength(2);
  });

  it("makes a first-time visitor's retry (first answer and cookie lost) the same participant and one comment", async () => {
    const headers = { 'idempotency-key': 'first-visit-1' };
    const retry = (participantId?: string) =>
      participate(
        participantRequest('POST /api/commitments/{commitmentId}/comments', {
          ...(participantId ? { participantId } : {}),
          body: { body: 'Pa cookie herën e parë.' },
          headers,
          pathParameters: { commitmentId: 'idempotency' },
        }),
      );
    const before = await commentItemsOf('idempotency');
    const first = await retry();
    const again = await retry();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.cookies).toEqual(first.cookies);
    expect(await commentItemsOf('idempotency')).toBe(before + 1);
    // Another visitor's cookie with the same key is another participant: a new comment.
    expect((await retry(ulid())).statusCode).toBe(201);
    expect(await commentItemsOf('idempotency')).toBe(before + 2);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    const result = await postComment(author, 'idempotency', { body: 'Tekst.' }, { 'idempotency-key': 'ç'.repeat(3) });
    expect(result.statusCode).toBe(400);
    expect(fieldsOf(result)).toEqual(['Idempotency-Key']);
  });
});

describe('deleting own comments', () => {
  const author = ulid();
  const other = ulid();

  it('lets only the author delete; the comment keeps its place and its replies', async () => {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.participantProfile(author), type: 'PROFILE', displayName: 'Besa' },
      }),
    );
    const comment = bodyOf(await postComment(author, 'deletion', { body: 'Do ta fshij.', sectionId: 'problem' }));
    const reply = bodyOf(await postComment(other, 'deletion', { body: 'Përgjigje.', parentId: comment.id }));
    expect(await tallyComments('deletion')).toBe(2);

    const forbidden = await deleteComment(other, comment.id);
    expect(forbidden.statusCode).toBe(403);
    expect(await stored(comment.id)).toMatchObject({ status: 'published', body: 'Do ta fshij.', version: 1 });

    const deleted = await deleteComment(author, comment.id);
    expect(deleted.statusCode).toBe(200);
    const { displayName: _name, ...rest } = comment;
    const expected = { ...rest, body: '', status: 'deleted', replyCount: 1 };
    expect(bodyOf(deleted)).toEqual(expected);
    expect(bodyOf(await listComments('deletion'))).toEqual({ comments: [expected] });
    expect(bodyOf(await listComments('deletion', { section: 'problem', sort: 'agreed' }))).toEqual({
      comments: [expected],
    });
    expect(bodyOf(await listReplies(comment.id))).toEqual({ comments: [reply] });
    expect(await tallyComments('deletion')).toBe(1);
    const item = await stored(comment.id);
    expect(item).toMatchObject({ status: 'deleted', body: '', version: 2, replyCount: 1 });
    expect(item?.displayName).toBeUndefined();

    const again = await deleteComment(author, comment.id);
    expect(again.statusCode).toBe(200);
    expect(bodyOf(again)).toEqual(expected);
    expect(await tallyComments('deletion')).toBe(1);
    expect((await deleteComment(author, ulid())).statusCode).toBe(404);
    expect((await postComment(other, 'deletion', { body: 'Jo.', parentId: comment.id })).statusCode).toBe(400);
  });
});

describe('reports', () => {
  const author = ulid();
  const reporters = [ulid(), ulid(), ulid()];

  it('hides a comment at the third distinct reporter, counting each reporter once', async () => {
    const comment = bodyOf(await postComment(author, 'reports', { body: 'I diskutueshëm.', sectionId: 'causes' }));
    const reporter = (i: number) => reporters[i] ?? '';
    expect(await tallyComments('reports')).toBe(1);

    for (const i of [0, 1]) {
      const result = await report(reporter(i), comment.id);
      expect(result.statusCode).toBe(202);
      expect(bodyOf(result)).toEqual({ commentId: comment.id, reported: true });
    }
    expect(await stored(comment.id)).toMatchObject({
      status: 'published',
      reportCount: 2,
      gsi5pk: 'CONSULTATION#open-one#MODERATION#reported',
      gsi5sk: comment.id,
    });
    expect(await listIds('reports')).toEqual([comment.id]);

    const twice = await report(reporter(0), comment.id, 'spam');
    expect(twice.statusCode).toBe(202);
    expect((await stored(comment.id))?.reportCount).toBe(2);
    expect(await listIds('reports')).toEqual([comment.id]);

    expect((await report(reporter(2), comment.id)).statusCode).toBe(202);
    const hidden = await stored(comment.id);
    expect(hidden).toMatchObject({
      status: 'hidden',
      reportCount: 3,
      gsi5pk: 'CONSULTATION#open-one#MODERATION#hidden',
      gsi5sk: comment.id,
    });
    for (const attribute of ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk']) {
      expect(hidden).not.toHaveProperty(attribute);
    }
    expect(await listIds('reports')).toEqual([]);
    expect(await listIds('reports', { sort: 'agreed' })).toEqual([]);
    expect(await listIds('reports', { section: 'causes' })).toEqual([]);
    expect(await listIds('reports', { section: 'causes', sort: 'agreed' })).toEqual([]);
    expect((await listReplies(comment.id)).statusCode).toBe(404);
    expect(await tallyComments('reports')).toBe(0);
    const { Items: reportItems } = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :report)',
        ExpressionAttributeValues: { ':pk': keys.comment(comment.id).pk, ':report': 'REPORT#' },
      }),
    );
    // The second report of the first reporter (reason 'spam') changed nothing.
    expect(reportItems?.map((r) => [r.sk, r.reason])).toEqual(reporters.map((r) => [`REPORT#${r}`, 'abuse']).sort());
  });

  it("hides a reported reply from its parent's list and takes it off the parent's reply count", async () => {
    const parent = bodyOf(await postComment(author, 'reports', { body: 'Prindi.' }));
    const reply = bodyOf(await postComment(reporters[0] ?? '', 'reports', { body: 'Fyese.', parentId: parent.id }));
    expect((await stored(parent.id))?.replyCount).toBe(1);
    for (const reporter of reporters) expect((await report(reporter, reply.id)).statusCode).toBe(202);
    expect((await stored(reply.id))?.status).toBe('hidden');
    expect((await stored(parent.id))?.replyCount).toBe(0);
    expect(bodyOf(await listReplies(parent.id))).toEqual({ comments: [] });
    expect(await tallyComments('reports')).toBe(1);
  });

  it('refuses reports on deleted and unknown comments, and accepts them on a closed consultation', async () => {
    const comment = bodyOf(await postComment(author, 'reports', { body: 'Do fshihet.' }));
    await deleteComment(author, comment.id);
    expect((await report(reporters[0] ?? '', comment.id)).statusCode).toBe(404);
    expect((await report(reporters[0] ?? '', ulid())).statusCode).toBe(404);

    const old = newCommentItem({
      id: ulid(),
      consultationId: 'closed-one',
      commitmentId: 'old-commitment',
      body: 'Nga 2024.',
      participantId: author,
      createdAt: '2024-03-10T10:00:00.000Z',
      status: 'published',
    });
    await table.documents.send(new PutCommand({ TableName: table.tableName, Item: old }));
    expect((await report(reporters[1] ?? '', old.id)).statusCode).toBe(202);
    expect(await stored(old.id)).toMatchObject({
      reportCount: 1,
      gsi5pk: 'CONSULTATION#closed-one#MODERATION#reported',
    });
  });
});

describe('paging a large thread', () => {
  const TOTAL = 5_000;
  const ids: string[] = [];

  beforeAll(async () => {
    const nextId = monotonicFactory();
    const items = Array.from({ length: TOTAL }, (_, i) => {
      const id = nextId(NOW.getTime() - TOTAL + i);
      ids.push(id);
      return newCommentItem({
        id,
        consultationId: 'open-one',
        commitmentId: 'paging',
        ...(i % 2 === 0 ? { sectionId: 'problem' } : {}),
        body: `Komenti ${i}`,
        participantId: `01JPAG1NG${String(i).padStart(17, '0')}`,
        createdAt: new Date(NOW.getTime() - TOTAL + i).toISOString(),
        status: 'published',
      });
    });
    const batches = Array.from({ length: TOTAL / 25 }, (_, b) => items.slice(b * 25, b * 25 + 25));
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const output = await table.documents.send(
            new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
          );
          pending = (output.UnprocessedItems?.[table.tableName] as Record<string, unknown>[] | undefined) ?? [];
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }, 60_000);

  it('returns each of 5,000 comments exactly once, newest first, 50 a page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await listComments('paging', { limit: '50', ...(cursor ? { cursor } : {}) });
      expect(result.statusCode).toBe(200);
      const page = bodyOf(result);
      expect(page.comments.length).toBe(50);
      seen.push(...page.comments.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(TOTAL / 50);
    expect(seen).toEqual([...ids].reverse());
  });

  it('pages one section the same way, and refuses tampered or foreign cursors with a 400 naming cursor', async () => {
    const first = bodyOf(await listComments('paging', { section: 'problem', limit: '50' }));
    expect(first.comments.map((c: { id: string }) => c.id)).toEqual(
      ids
        .filter((_, i) => i % 2 === 0)
        .reverse()
        .slice(0, 50),
    );
    const cursor: string = first.nextCursor;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = [
      `${cursor.slice(0, -2)}!!`,
      'bm90IGpzb24',
      encode({ ...decoded, extra: 'x' }),
      encode({ ...decoded, gsi2pk: 'COMMITMENT#posting#SECTION#problem' }),
      encode({ ...decoded, pk: 'COMMENT#01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      encode({ ...decoded, gsi2sk: 42 }),
      encode('x'.repeat(3_000)),
    ];
    for (const bad of tampered) {
      const result = await listComments('paging', { section: 'problem', limit: '50', cursor: bad });
      expect(result.statusCode, bad.slice(0, 40)).toBe(400);
      expect(fieldsOf(result)).toEqual(['cursor']);
    }
    // A cursor of the section list is foreign to the whole-commitment list and to the agreed order.
    expect((await listComments('paging', { cursor })).statusCode).toBe(400);
    expect((await listComments('paging', { section: 'problem', sort: 'agreed', cursor })).statusCode).toBe(400);
    const next = bodyOf(await listComments('paging', { section: 'problem', limit: '50', cursor }));
    expect(next.comments[0].id).toBe(ids.filter((_, i) => i % 2 === 0).reverse()[50]);
  });
});
