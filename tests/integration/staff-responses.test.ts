import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#functions/commons/http.ts';
import { createDynamoResponseReportReader } from '#functions/repositories/response-report-reader.ts';
import { Catalog } from '#shared/catalog.ts';
import { type CommentItem, newCommentItem } from '#shared/comments.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { publicReadHandler, staffHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { STAFF, type StaffUser, staffRequest } from '../support/staff.ts';

/**
 * Reasoned responses, meetings, progress and the published report through the staff and public-read handlers on
 * DynamoDB Local. The contributions belong to the closed consultation of the fixture (`closed-one`, commitment
 * `old-commitment`), written as the participation and proposal code store them.
 */
const catalog = new Catalog(catalogFixture);
const CANARY_EMAIL = 'ngo.canary@example.org';
const CANARY_PHONE = '+355 68 765 4321';

let table: TestTable;
let staff: ReturnType<typeof staffHandler>;
let read: ReturnType<typeof publicReadHandler>;

beforeAll(async () => {
  table = await createTestTable();
  staff = staffHandler(table, catalog);
  read = publicReadHandler(table, catalog, {
    responseReports: createDynamoResponseReportReader(table.documents, table.tableName),
  });
});
afterAll(async () => {
  await table.drop();
});

const bodyOf = (result: HttpResult) => JSON.parse(result.body ?? '');

async function put(item: Record<string, unknown>) {
  await table.documents.send(new PutCommand({ TableName: table.tableName, Item: item }));
}

async function get(key: { pk: string; sk: string }) {
  const { Item } = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return Item as Record<string, unknown>;
}

/** A published comment of the closed consultation, with a PII canary in its author's display name. */
async function comment(body: string, status: 'published' | 'pending' = 'published', commitmentId = 'old-commitment') {
  const id = ulid();
  await put(
    newCommentItem({
      id,
      consultationId: 'closed-one',
      commitmentId,
      body,
      displayName: `Besa ${CANARY_EMAIL} ${CANARY_PHONE}`,
      participantId: ulid(),
      createdAt: '2024-03-10T10:00:00.000Z',
      status,
    }) as unknown as Record<string, unknown>,
  );
  return id;
}

/** A proposal as the proposals function stores it (only the attributes the staff code reads, and the private ones). */
async function proposal(visibility: 'pending' | 'approved' | 'hidden' = 'approved') {
  const id = ulid();
  await put({
    ...keys.proposal(id),
    type: 'PROPOSAL',
    id,
    consultationId: 'closed-one',
    kind: 'amendment',
    commitmentId: 'old-commitment',
    organisation: { name: 'Qendra Rinore Elbasan', type: 'ngo', municipality: 'elbasan' },
    contact: { name: 'Drita Hoxha', email: CANARY_EMAIL, phone: CANARY_PHONE },
    title: 'Këshilli rinor në KVSP',
    problem: 'Të rinjtë nuk kanë zë.',
    objective: 'Një vend për të rinjtë në çdo KVSP.',
    createdAt: '2024-03-11T10:00:00.000Z',
    status: 'received',
    visibility,
    version: 1,
    gsi1pk: indexKeys.proposalsByStatus('closed-one', visibility),
    gsi1sk: id,
  });
  return id;
}

function saveResponse(responseId: string, body: unknown, user: StaffUser = 'drafter') {
  return staff(staffRequest('PUT /api/admin/responses/{responseId}', { user, body, pathParameters: { responseId } }));
}

function saveMeeting(meetingId: string, body: unknown, user: StaffUser = 'drafter') {
  return staff(staffRequest('PUT /api/admin/meetings/{meetingId}', { user, body, pathParameters: { meetingId } }));
}

function progress(user: StaffUser = 'drafter') {
  return staff(
    staffRequest('GET /api/admin/consultations/{consultationId}/progress', {
      user,
      pathParameters: { consultationId: 'closed-one' },
    }),
  );
}

async function audit() {
  const { Items } = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'AUDIT#closed-one' },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

const JUSTIFICATION = { sq: 'Propozimi përputhet me objektivin e angazhimit.', en: 'It fits the objective.' };

const MEETING = {
  consultationId: 'closed-one',
  title: { sq: 'Takim me të rinjtë e Elbasanit' },
  venue: { sq: 'Bashkia Elbasan' },
  municipality: 'elbasan',
  date: '2024-03-20',
  startTime: '10:00',
  endTime: '12:00',
  topic: { sq: 'Të rinjtë dhe siguria publike' },
  participantCount: 25,
  moderator: { sq: 'Koordinatori i KVSP' },
  guests: [{ sq: 'Ambasadori i OSBE' }],
  summary: { sq: 'Diskutim i hapur.' },
  discussionPoints: [{ sq: 'Modele pozitive' }],
  contributions: [
    { id: 'role-models', commitmentId: 'old-commitment', text: { sq: 'Më shumë modele pozitive për të rinjtë.' } },
    { id: 'communication', text: { sq: 'Komunikim më i mirë me institucionet.' } },
  ],
};

describe('meetings', () => {
  it('creates, edits with the version, refuses a stale edit, lists, and audits each change', async () => {
    const created = await saveMeeting('elbasan-youth-2024', MEETING);
    expect(created.statusCode).toBe(201);
    expect(bodyOf(created)).toMatchObject({ id: 'elbasan-youth-2024', version: 1, responses: {} });
    expect((await saveMeeting('elbasan-youth-2024', MEETING)).statusCode).toBe(409);

    const edited = await saveMeeting('elbasan-youth-2024', { ...MEETING, participantCount: 27, expectedVersion: 1 });
    expect(edited.statusCode).toBe(200);
    expect(bodyOf(edited)).toMatchObject({
      participantCount: 27,
      version: 2,
      updatedBy: { username: STAFF.drafter.username },
    });
    expect((await saveMeeting('elbasan-youth-2024', { ...MEETING, expectedVersion: 1 })).statusCode).toBe(409);
    expect((await saveMeeting('no-such-meeting', { ...MEETING, expectedVersion: 1 })).statusCode).toBe(404);

    const list = await staff(
      staffRequest('GET /api/admin/consultations/{consultationId}/meetings', {
        user: 'admin',
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(bodyOf(list).meetings.map((m: { id: string }) => m.id)).toEqual(['elbasan-youth-2024']);
    const entries = (await audit()).filter((e) => e.target.kind === 'meeting');
    expect(entries.map((e) => [e.action, e.from, e.to])).toEqual([
      ['meeting.create', undefined, 'v1'],
      ['meeting.update', 'v1', 'v2'],
    ]);
  });

  it('refuses a contribution on another consultation’s commitment, duplicate ids and a time that ends first', async () => {
    const bad = await saveMeeting('bad-meeting', {
      ...MEETING,
      endTime: '09:00',
      contributions: [
        { id: 'x', commitmentId: 'youth-seats', text: { sq: 'Tekst' } },
        { id: 'x', text: { sq: 'Tekst' } },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fine = await saveMeeting('bad-meeting', {
      ...MEETING,
      contributions: [
        { id: 'x', commitmentId: 'youth-seats', text: { sq: 'Tekst' } },
        { id: 'x', text: { sq: 'Tekst' } },
      ],
    });
    expect(bodyOf(fine).errors.map((e: { field: string }) => e.field)).toEqual([
      'contributions.0.commitmentId',
      'contributions.1.id',
    ]);
  });
});

let first: string;
let second: string;
let proposalId: string;
const responseId = ulid();

describe('responses', () => {
  it('answers a group of contributions in one transaction: ids kept on each, unanswered list left, audited', async () => {
    first = await comment('Duhet më shumë transparencë në KVSP.');
    second = await comment('Takimet duhet të jenë publike.');
    proposalId = await proposal();
    const result = await saveResponse(responseId, {
      contributions: [
        { kind: 'comment', id: first },
        { kind: 'proposal', id: proposalId },
        { kind: 'meeting-contribution', id: 'elbasan-youth-2024/role-models' },
      ],
      disposition: 'partially-accepted',
      justification: JUSTIFICATION,
    });
    expect(result.statusCode).toBe(201);
    expect(bodyOf(result)).toMatchObject({
      id: responseId,
      version: 1,
      consultationId: 'closed-one',
      disposition: 'partially-accepted',
      updatedBy: { sub: STAFF.drafter.sub, username: STAFF.drafter.username },
    });
    const answered = (await get(keys.comment(first))) as CommentItem;
    expect(answered.responseId).toBe(responseId);
    expect(answered.gsi5pk).toBeUndefined();
    expect((await get(keys.comment(second))).gsi5pk).toBe('CONSULTATION#closed-one#UNANSWERED');
    expect(await get(keys.proposal(proposalId))).toMatchObject({ responseId, status: 'answered', version: 2 });
    expect((await get(keys.meeting('elbasan-youth-2024'))).responses).toEqual({ 'role-models': responseId });
    // The proposal receipt reads the response by its key: disposition, justification and date at the top level.
    expect(await get(keys.response(responseId))).toMatchObject({
      disposition: 'partially-accepted',
      justification: JUSTIFICATION,
      updatedAt: NOW.toISOString(),
    });
    expect((await audit()).find((e) => e.target.id === responseId)).toMatchObject({
      action: 'response.create',
      actor: { sub: STAFF.drafter.sub },
      to: 'partially-accepted v1',
    });
  });

  it('refuses a create over an existing response and a stale edit with 409, changing nothing', async () => {
    const body = {
      contributions: [{ kind: 'comment', id: first }],
      disposition: 'accepted',
      justification: JUSTIFICATION,
    };
    expect((await saveResponse(responseId, body)).statusCode).toBe(409);
    expect((await saveResponse(responseId, { ...body, expectedVersion: 7 })).statusCode).toBe(409);
    expect((await get(keys.response(responseId))).version).toBe(1);
    expect((await saveResponse(ulid(), { ...body, expectedVersion: 1 })).statusCode).toBe(404);
  });

  it('edits with the version: a dropped comment returns to the unanswered list, an added one leaves it', async () => {
    const result = await saveResponse(responseId, {
      contributions: [
        { kind: 'comment', id: second },
        { kind: 'proposal', id: proposalId },
        { kind: 'meeting-contribution', id: 'elbasan-youth-2024/role-models' },
      ],
      disposition: 'accepted',
      justification: JUSTIFICATION,
      expectedVersion: 1,
    });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).version).toBe(2);
    const dropped = (await get(keys.comment(first))) as CommentItem;
    expect(dropped.responseId).toBeUndefined();
    expect(dropped.gsi5pk).toBe('CONSULTATION#closed-one#UNANSWERED');
    expect((await get(keys.comment(second))).responseId).toBe(responseId);
    expect((await audit()).filter((e) => e.target.id === responseId).map((e) => e.action)).toEqual([
      'response.create',
      'response.update',
    ]);
  });

  it('refuses a contribution another response covers, an unknown one, a pending comment, and a merge into itself', async () => {
    const pending = await comment('Në pritje.', 'pending');
    const cases: [unknown, string][] = [
      [[{ kind: 'comment', id: second }], 'contributions.0'],
      [[{ kind: 'comment', id: ulid() }], 'contributions.0'],
      [
        [
          { kind: 'comment', id: first },
          { kind: 'comment', id: pending },
        ],
        'contributions.1',
      ],
      [[{ kind: 'meeting-contribution', id: 'elbasan-youth-2024/nothing' }], 'contributions.0'],
    ];
    for (const [contributions, field] of cases) {
      const result = await saveResponse(ulid(), {
        contributions,
        disposition: 'not-accepted',
        justification: JUSTIFICATION,
      });
      expect(result.statusCode).toBe(400);
      expect(bodyOf(result).errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const merged = await saveResponse(ulid(), {
      contributions: [{ kind: 'comment', id: first }],
      disposition: 'merged',
      mergedInto: { kind: 'comment', id: first },
      justification: JUSTIFICATION,
    });
    expect(bodyOf(merged).errors.map((e: { field: string }) => e.field)).toEqual(['mergedInto']);
    expect(((await get(keys.comment(first))) as CommentItem).responseId).toBeUndefined();
  });

  it('counts progress per commitment: answered by disposition, unanswered by kind', async () => {
    const result = await progress();
    expect(result.statusCode).toBe(200);
    const body = bodyOf(result);
    const row = body.commitments.find((r: { commitmentId: string | null }) => r.commitmentId === 'old-commitment');
    expect(row).toMatchObject({
      answered: { accepted: 3 },
      answeredTotal: 3,
      unanswered: { comment: 1, proposal: 0, 'meeting-contribution': 0 },
      unansweredTotal: 1,
    });
    const unlinked = body.commitments.find((r: { commitmentId: string | null }) => r.commitmentId === null);
    expect(unlinked).toMatchObject({ unanswered: { 'meeting-contribution': 1 }, unansweredTotal: 1 });
    expect(body.total).toMatchObject({ answeredTotal: 3, unansweredTotal: 2 });

    const unanswered = await staff(
      staffRequest('GET /api/admin/consultations/{consultationId}/unanswered', {
        user: 'drafter',
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(bodyOf(unanswered).items).toEqual([
      {
        kind: 'comment',
        id: first,
        commitmentId: 'old-commitment',
        text: 'Duhet më shumë transparencë në KVSP.',
        createdAt: '2024-03-10T10:00:00.000Z',
      },
    ]);
    expect(unanswered.body).not.toContain(CANARY_EMAIL);
    const meetingInput = await staff(
      staffRequest('GET /api/admin/consultations/{consultationId}/unanswered', {
        user: 'drafter',
        pathParameters: { consultationId: 'closed-one' },
        query: { kind: 'meeting-contribution' },
      }),
    );
    expect(bodyOf(meetingInput).items.map((i: { id: string }) => i.id)).toEqual(['elbasan-youth-2024/communication']);
  });

  it('keeps a meeting contribution that has a response from being removed', async () => {
    const result = await saveMeeting('elbasan-youth-2024', {
      ...MEETING,
      contributions: MEETING.contributions.slice(1),
      expectedVersion: 2,
    });
    expect(result.statusCode).toBe(400);
  });
});

describe('the response report', () => {
  it('is published only after the consultation closed, by drafters or admins, with an audit entry', async () => {
    const open = await staff(
      staffRequest('POST /api/admin/consultations/{consultationId}/response-report', {
        user: 'drafter',
        pathParameters: { consultationId: 'open-one' },
      }),
    );
    expect(open.statusCode).toBe(409);
    expect(bodyOf(open).code).toBe('consultation-not-closed');
    const report = await read(
      httpEvent('GET /api/consultations/{consultationId}/response-report', {
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(report.statusCode).toBe(404);

    const byModerator = await staff(
      staffRequest('POST /api/admin/consultations/{consultationId}/response-report', {
        user: 'moderator',
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(byModerator.statusCode).toBe(403);

    const published = await staff(
      staffRequest('POST /api/admin/consultations/{consultationId}/response-report', {
        user: 'drafter',
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(published.statusCode).toBe(200);
    expect(bodyOf(published)).toMatchObject({ publishedAt: NOW.toISOString(), answered: 3, unanswered: 2 });
    expect((await audit()).find((e) => e.action === 'response-report.publish')).toMatchObject({
      target: { kind: 'response-report', id: 'closed-one' },
      note: '3 answered, 2 unanswered',
    });
  });

  it('lists each answered contribution with its text, disposition and justification, and no author data', async () => {
    const result = await read(
      httpEvent('GET /api/consultations/{consultationId}/response-report', {
        pathParameters: { consultationId: 'closed-one' },
      }),
    );
    expect(result.statusCode).toBe(200);
    const report = bodyOf(result);
    expect(report.publishedAt).toBe(NOW.toISOString());
    expect(report.commitments).toHaveLength(1);
    const [group] = report.commitments;
    expect(group.commitmentId).toBe('old-commitment');
    expect(group.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'comment',
          id: second,
          text: 'Takimet duhet të jenë publike.',
          origin: 'online',
        }),
        expect.objectContaining({
          kind: 'proposal',
          id: proposalId,
          title: 'Këshilli rinor në KVSP',
          text: 'Një vend për të rinjtë në çdo KVSP.',
        }),
        expect.objectContaining({
          kind: 'meeting-contribution',
          origin: 'meeting',
          text: 'Më shumë modele pozitive për të rinjtë.',
        }),
      ]),
    );
    for (const entry of group.entries) {
      expect(entry).toMatchObject({
        disposition: 'accepted',
        justification: JUSTIFICATION,
        respondedAt: NOW.toISOString(),
      });
    }
    // PII canaries and author data: neither the commenter's display name nor the NGO's contact or organisation.
    for (const secret of [CANARY_EMAIL, CANARY_PHONE, 'Besa', 'Drita', 'Qendra Rinore', STAFF.drafter.username]) {
      expect(result.body).not.toContain(secret);
    }
    expect(result.headers?.['cache-control']).toContain('s-maxage=60');
  });

  it('withholds the text of a contribution that is no longer public', async () => {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...(await get(keys.comment(second))), status: 'hidden', gsi1pk: undefined },
      }),
    );
    const report = bodyOf(
      await read(
        httpEvent('GET /api/consultations/{consultationId}/response-report', {
          pathParameters: { consultationId: 'closed-one' },
        }),
      ),
    );
    const entry = report.commitments[0].entries.find((e: { id: string }) => e.id === second);
    expect(entry).toMatchObject({ kind: 'comment', disposition: 'accepted' });
    expect(entry.text).toBeUndefined();
  });
});

describe('roles', () => {
  it('keeps the audit log for admins: drafters and moderators get 403', async () => {
    const request = (user: StaffUser) =>
      staff(
        staffRequest('GET /api/admin/consultations/{consultationId}/audit', {
          user,
          pathParameters: { consultationId: 'closed-one' },
        }),
      );
    expect((await request('drafter')).statusCode).toBe(403);
    expect((await request('moderator')).statusCode).toBe(403);
    const admin = await request('admin');
    expect(admin.statusCode).toBe(200);
    const entries = bodyOf(admin).entries;
    expect(entries.length).toBeGreaterThanOrEqual(5);
    // Newest first.
    expect(entries[0].action).toBe('response-report.publish');
  });

  it('keeps responses and meetings from moderators', async () => {
    const body = {
      contributions: [{ kind: 'comment', id: ulid() }],
      disposition: 'accepted',
      justification: JUSTIFICATION,
    };
    expect((await saveResponse(ulid(), body, 'moderator')).statusCode).toBe(403);
    expect((await saveMeeting('another', MEETING, 'moderator')).statusCode).toBe(403);
    expect((await progress('moderator')).statusCode).toBe(403);
    expect((await progress('admin')).statusCode).toBe(200);
  });
});
