import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#functions/commons/http.ts';
import { Catalog } from '#shared/catalog.ts';
import type { CommentItem } from '#shared/comments.ts';
import { keys } from '#shared/keys.ts';
import { NOW, scenarioCatalog } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { commentHandler, publicReadHandler, staffHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest } from '../support/participation.ts';
import { STAFF, type StaffUser, staffRequest } from '../support/staff.ts';

/**
 * Moderation through the staff handler on DynamoDB Local: each action changes the comment, its public lists, the
 * commitment's count and the parent's reply count together, and leaves exactly one audit entry.
 */
const catalog = new Catalog(
  scenarioCatalog(['pre-moderated', 'approve', 'hide', 'restore', 'bulk', 'queue', 'own'], {
    title: (id) => `Angazhimi ${id}`,
    sectionIds: ['problem', 'objective'],
  }),
);

/** PII canaries: put in a participant's display name; must never reach a moderator or the public. */
const CANARY_EMAIL = 'arta.canary@example.org';
const CANARY_PHONE = '+355 69 123 4567';

let table: TestTable;
let participate: ReturnType<typeof commentHandler>;
let staff: ReturnType<typeof staffHandler>;
let read: ReturnType<typeof publicReadHandler>;

beforeAll(async () => {
  table = await createTestTable();
  participate = commentHandler(table, catalog);
  staff = staffHandler(table, catalog);
  read = publicReadHandler(table, catalog);
});
afterAll(async () => {
  await table.drop();
});

const bodyOf = (result: HttpResult) => JSON.parse(result.body ?? '');
let participantCounter = 0;
const newParticipant = () => `01KB${String(++participantCounter).padStart(22, '0')}`;

async function post(commitmentId: string, body: Record<string, unknown>, participantId = newParticipant()) {
  const result = await participate(
    participantRequest('POST /api/commitments/{commitmentId}/comments', {
      participantId,
      body,
      pathParameters: { commitmentId },
    }),
  );
  expect([201, 202]).toContain(result.statusCode);
  return bodyOf(result).id as string;
}

async function report(commentId: string, reason = 'abuse') {
  const result = await participate(
    participantRequest('POST /api/comments/{commentId}/reports', {
      participantId: newParticipant(),
      body: { reason, note: 'Fyen një person.' },
      pathParameters: { commentId },
    }),
  );
  expect(result.statusCode).toBe(202);
}

function moderate(commentId: string, body: unknown, user: StaffUser = 'moderator', participantId?: string) {
  return staff(
    staffRequest('POST /api/admin/comments/{commentId}/moderation', {
      user,
      body,
      pathParameters: { commentId },
      ...(participantId ? { participantId } : {}),
    }),
  );
}

function queue(
  state: string,
  query: Record<string, string> = {},
  consultationId = 'open-one',
  user: StaffUser = 'moderator',
) {
  return staff(
    staffRequest('GET /api/admin/consultations/{consultationId}/moderation', {
      user,
      pathParameters: { consultationId },
      query: { state, ...query },
    }),
  );
}

async function stored(commentId: string): Promise<CommentItem> {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: keys.comment(commentId), ConsistentRead: true }),
  );
  return Item as CommentItem;
}

async function threadIds(commitmentId: string): Promise<string[]> {
  const result = await read(
    httpEvent('GET /api/commitments/{commitmentId}/comments', { pathParameters: { commitmentId } }),
  );
  return bodyOf(result).comments.map((c: { id: string }) => c.id);
}

async function tallyComments(commitmentId: string): Promise<number> {
  const result = await read(
    httpEvent('GET /api/commitments/{commitmentId}/tally', { pathParameters: { commitmentId } }),
  );
  return bodyOf(result).tally.comments;
}

async function auditEntries(consultationId = 'open-one') {
  const { Items } = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.audit(consultationId, '').pk },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

async function auditOf(auditId: string, consultationId = 'open-one') {
  return (await auditEntries(consultationId)).find((e) => e.id === auditId);
}

describe('approve', () => {
  it('publishes a pre-moderated comment: in the thread, counted, out of the queue, audited', async () => {
    const id = await post('pre-moderated', { body: 'Një koment që pret moderimin.' });
    expect(await threadIds('pre-moderated')).toEqual([]);
    const pending = bodyOf(await queue('pending', {}, 'pre-one'));
    expect(pending.items.map((i: { id: string }) => i.id)).toContain(id);

    const result = await moderate(id, { action: 'approve', note: 'Në rregull.' });
    expect(result.statusCode).toBe(200);
    const answer = bodyOf(result);
    expect(answer).toMatchObject({ commentId: id, status: 'published', version: 2 });

    expect(await threadIds('pre-moderated')).toEqual([id]);
    expect(await tallyComments('pre-moderated')).toBe(1);
    const item = await stored(id);
    // Out of the moderators' queue, into the drafters' unanswered list.
    expect(item).toMatchObject({ gsi5pk: 'CONSULTATION#pre-one#UNANSWERED', gsi5sk: `pre-moderated#${id}` });
    expect(bodyOf(await queue('pending', {}, 'pre-one')).items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await auditOf(answer.auditId, 'pre-one')).toMatchObject({
      pk: 'AUDIT#pre-one',
      sk: answer.auditId,
      at: NOW.toISOString(),
      actor: { sub: STAFF.moderator.sub, username: STAFF.moderator.username },
      action: 'comment.approve',
      target: { kind: 'comment', id },
      from: 'pending',
      to: 'published',
      note: 'Në rregull.',
    });
  });

  it('takes a reported comment out of the queue; it stays published and returns to the unanswered list', async () => {
    const id = await post('approve', { body: 'Një koment i raportuar një herë.' });
    await report(id, 'spam');
    expect((await stored(id)).gsi5pk).toBe('CONSULTATION#open-one#MODERATION#reported');
    const result = await moderate(id, { action: 'approve' });
    expect(bodyOf(result)).toMatchObject({ status: 'published' });
    expect(await stored(id)).toMatchObject({ gsi5pk: 'CONSULTATION#open-one#UNANSWERED' });
    expect(await tallyComments('approve')).toBe(1);
    expect(await threadIds('approve')).toEqual([id]);
  });

  it('refuses to approve a comment that is published and not queued (409), changing nothing', async () => {
    const id = await post('approve', { body: 'Një koment pa raportime.' });
    const before = await auditEntries();
    const result = await moderate(id, { action: 'approve' });
    expect(result.statusCode).toBe(409);
    expect((await stored(id)).version).toBe(1);
    expect(await auditEntries()).toHaveLength(before.length);
  });
});

describe('hide and restore', () => {
  it('hides a reply with a reason: out of the public lists, counts taken back, audited with the reason', async () => {
    const parent = await post('hide', { body: 'Komenti prind.' });
    const reply = await post('hide', { body: 'Një përgjigje fyese.', parentId: parent });
    expect((await stored(parent)).replyCount).toBe(1);
    expect(await tallyComments('hide')).toBe(2);

    const result = await moderate(reply, { action: 'hide', reason: 'abuse', note: 'Gjuhë fyese.' });
    expect(result.statusCode).toBe(200);
    const item = await stored(reply);
    expect(item).toMatchObject({ status: 'hidden', gsi5pk: 'CONSULTATION#open-one#MODERATION#hidden', gsi5sk: reply });
    expect(item.gsi1pk).toBeUndefined();
    expect((await stored(parent)).replyCount).toBe(0);
    expect(await tallyComments('hide')).toBe(1);
    const replies = await read(
      httpEvent('GET /api/comments/{commentId}/replies', { pathParameters: { commentId: parent } }),
    );
    expect(bodyOf(replies).comments).toEqual([]);
    expect(await auditOf(bodyOf(result).auditId)).toMatchObject({
      action: 'comment.hide',
      reason: 'abuse',
      note: 'Gjuhë fyese.',
      from: 'published',
      to: 'hidden',
    });

    const restored = await moderate(reply, { action: 'restore' }, 'admin');
    expect(bodyOf(restored)).toMatchObject({ status: 'published', version: 3 });
    expect((await stored(parent)).replyCount).toBe(1);
    expect(await tallyComments('hide')).toBe(2);
    expect(await auditOf(bodyOf(restored).auditId)).toMatchObject({
      action: 'comment.restore',
      actor: { username: STAFF.admin.username },
      from: 'hidden',
      to: 'published',
    });
    const again = await read(
      httpEvent('GET /api/comments/{commentId}/replies', { pathParameters: { commentId: parent } }),
    );
    expect(bodyOf(again).comments.map((c: { id: string }) => c.id)).toEqual([reply]);
  });

  it('needs a reason from the list to hide, and a note for "other"', async () => {
    const id = await post('hide', { body: 'Një koment tjetër.' });
    for (const body of [
      { action: 'hide' },
      { action: 'hide', reason: 'boring' },
      { action: 'hide', reason: 'other' },
      { action: 'approve', reason: 'spam' },
      { action: 'delete' },
    ]) {
      const result = await moderate(id, body);
      expect(result.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await stored(id)).status).toBe('published');
    expect((await moderate(id, { action: 'hide', reason: 'other', note: 'Reklamë e fshehur.' })).statusCode).toBe(200);
  });

  it('refuses to restore a comment that is not hidden', async () => {
    const id = await post('restore', { body: 'Koment i publikuar.' });
    expect((await moderate(id, { action: 'restore' })).statusCode).toBe(409);
    expect((await moderate('01KB0000000000000000009999', { action: 'restore' })).statusCode).toBe(404);
  });
});

describe('own contributions', () => {
  it('refuses a moderator acting on a comment written from the same browser (participant cookie), changing nothing', async () => {
    const author = newParticipant();
    const id = await post('own', { body: 'E shkrova vetë.' }, author);
    await report(id);
    const result = await moderate(id, { action: 'hide', reason: 'spam' }, 'moderator', author);
    expect(result.statusCode).toBe(403);
    expect((await stored(id)).status).toBe('published');
    // Another moderator's browser may.
    expect((await moderate(id, { action: 'hide', reason: 'spam' }, 'moderator', newParticipant())).statusCode).toBe(
      200,
    );
  });
});

describe('bulk', () => {
  it('applies the action to each comment in its own transaction and reports each outcome', async () => {
    const a = await post('bulk', { body: 'Reklamë 1.' });
    const b = await post('bulk', { body: 'Reklamë 2.' });
    const missing = '01KB0000000000000000008888';
    await moderate(b, { action: 'hide', reason: 'spam' });
    const result = await staff(
      staffRequest('POST /api/admin/moderation/bulk', {
        user: 'moderator',
        body: { commentIds: [a, b, missing], action: 'hide', reason: 'spam', note: 'Fushatë reklamash.' },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).results).toEqual([
      { commentId: a, outcome: 'done', status: 'hidden', auditId: expect.any(String) },
      { commentId: b, outcome: 'conflict' },
      { commentId: missing, outcome: 'not-found' },
    ]);
    expect(await threadIds('bulk')).toEqual([]);
    expect(await tallyComments('bulk')).toBe(0);
    const entries = (await auditEntries()).filter((e) => e.target.id === a);
    expect(entries.map((e) => e.action)).toEqual(['comment.hide']);
  });

  it('refuses more than 50 comments or duplicates', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `01KB${String(i).padStart(22, '0')}`);
    for (const commentIds of [ids, [ids[0], ids[0]], []]) {
      const result = await staff(
        staffRequest('POST /api/admin/moderation/bulk', { user: 'moderator', body: { commentIds, action: 'approve' } }),
      );
      expect(result.statusCode).toBe(400);
    }
  });
});

describe('the queue', () => {
  it('shows text, context and report reasons, and never the author, their display name or the reporters', async () => {
    const author = newParticipant();
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.participantProfile(author),
          type: 'PROFILE',
          displayName: `Arta ${CANARY_EMAIL} ${CANARY_PHONE}`,
          municipality: 'elbasan',
        },
      }),
    );
    const parent = await post('queue', { body: 'Prindi i diskutimit.', sectionId: 'problem' });
    const reply = await post('queue', { body: 'Përgjigje e raportuar.', parentId: parent }, author);
    expect((await stored(reply)).displayName).toContain(CANARY_EMAIL);
    await report(reply, 'personal-data');
    await report(reply, 'abuse');

    const result = await queue('reported', { commitmentId: 'queue' });
    expect(result.statusCode).toBe(200);
    const page = bodyOf(result);
    expect(page.items).toHaveLength(1);
    const [item] = page.items;
    expect(item).toMatchObject({
      id: reply,
      consultationId: 'open-one',
      commitment: { id: 'queue', title: { sq: 'Angazhimi queue' } },
      parent: { id: parent, body: 'Prindi i diskutimit.', status: 'published' },
      body: 'Përgjigje e raportuar.',
      status: 'published',
      reportNotes: ['Fyen një person.', 'Fyen një person.'],
    });
    expect(item.reports).toEqual(
      expect.arrayContaining([
        { reason: 'personal-data', count: 1 },
        { reason: 'abuse', count: 1 },
      ]),
    );
    const text = result.body ?? '';
    for (const secret of [CANARY_EMAIL, CANARY_PHONE, '+355', author, 'displayName', 'participantId', 'REPORT#']) {
      expect(text).not.toContain(secret);
    }

    // Filters: another reason, another commitment.
    expect(bodyOf(await queue('reported', { commitmentId: 'queue', reason: 'spam' })).items).toEqual([]);
    expect(bodyOf(await queue('reported', { commitmentId: 'queue', reason: 'abuse' })).items).toHaveLength(1);
    expect(bodyOf(await queue('reported', { commitmentId: 'hide' })).items).toEqual([]);
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const first = bodyOf(await queue('hidden', { limit: '1' }));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = bodyOf(await queue('hidden', { limit: '1', cursor: first.nextCursor }));
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const forged = Buffer.from(JSON.stringify({ pk: 'PARTICIPANT#x', sk: 'PROFILE' })).toString('base64url');
    expect((await queue('hidden', { cursor: forged })).statusCode).toBe(400);
    expect((await queue('hidden', { cursor: first.nextCursor }, 'pre-one')).statusCode).toBe(400);
    expect((await queue('nonsense')).statusCode).toBe(400);
    expect((await queue('pending', {}, 'no-such-consultation')).statusCode).toBe(404);
  });
});

describe('roles', () => {
  it('lets only moderators and admins moderate', async () => {
    const id = await post('restore', { body: 'Për testin e roleve.' });
    expect((await moderate(id, { action: 'hide', reason: 'spam' }, 'drafter')).statusCode).toBe(403);
    expect((await queue('pending', {}, 'open-one', 'drafter')).statusCode).toBe(403);
    expect((await stored(id)).status).toBe('published');
    expect((await queue('pending', {}, 'open-one', 'admin')).statusCode).toBe(200);
  });
});
