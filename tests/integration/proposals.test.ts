import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpHandler, HttpResult } from '#functions/commons/http.ts';
import { logger } from '#functions/commons/logger.ts';
import { createProposalsHandler } from '#functions/proposals/proposals.ts';
import { createDynamoProposalReader } from '#functions/repositories/proposal-reader.ts';
import { noRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { FUNCTION_ENTRIES, type RouteFunction } from '#functions/routes.ts';
import { Catalog } from '#shared/catalog.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { keys } from '#shared/keys.ts';
import { MAX_ATTACHMENT_BYTES, proposalPageSchema, proposalReceiptSchema } from '#shared/schemas/proposal.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest, SITE_ORIGIN, TEST_SECRET, testPipeline } from '../support/participation.ts';
import {
  disguisedBytes,
  type ProposalsFixture,
  pdfBytes,
  proposalsFixture,
  validProposal,
} from '../support/proposals.ts';

/**
 * NGO proposals through the proposals function on DynamoDB Local, with files on a temporary disk store (the local
 * stand-in for the S3 bucket): submission with PDF files, the private receipt, moderation visibility, the refusals
 * of files, idempotent retries and the privacy of contact data.
 */
const catalog = new Catalog(catalogFixture);
let table: TestTable;
let fixture: ProposalsFixture;
let handler: HttpHandler;

beforeAll(async () => {
  table = await createTestTable();
  fixture = await proposalsFixture(table, catalog, NOW);
  handler = fixture.handler;
});
afterAll(async () => {
  await table.drop();
  await rm(fixture.uploadsDir, { recursive: true, force: true });
});

const bodyOf = (result: HttpResult) => JSON.parse(result.body ?? '');
const fieldsOf = (result: HttpResult) => bodyOf(result).errors?.map((e: { field: string }) => e.field);
const tokenOf = (receiptUrl: string) => receiptUrl.slice(receiptUrl.indexOf('#') + 1);

function submit(participantId: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(participantRequest('POST /api/proposals', { participantId, body, headers }));
}

function requestUpload(participantId: string, body: Record<string, unknown>) {
  return handler(participantRequest('POST /api/proposals/attachments', { participantId, body }));
}

function putFile(participantId: string, attachmentId: string, bytes: Buffer) {
  const event = participantRequest('PUT /api/proposals/attachments/{attachmentId}', {
    participantId,
    pathParameters: { attachmentId },
    headers: { 'content-type': 'application/pdf' },
  });
  return handler({ ...event, body: bytes.toString('base64'), isBase64Encoded: true });
}

/** Asks for an upload form and sends the bytes to it, as the proposal form does; returns the attachment id. */
async function upload(participantId: string, bytes: Buffer, fileName = 'dokument.pdf'): Promise<string> {
  const form = await requestUpload(participantId, { fileName, contentType: 'application/pdf', bytes: bytes.length });
  expect(form.statusCode).toBe(201);
  const { attachmentId, upload: target } = bodyOf(form);
  expect(target).toEqual({ method: 'PUT', url: `/api/proposals/attachments/${attachmentId}`, fields: {} });
  const put = await putFile(participantId, attachmentId, bytes);
  expect(put.statusCode).toBe(200);
  return attachmentId;
}

function receipt(token: string) {
  return handler(httpEvent('GET /api/proposals/receipt/{token}', { pathParameters: { token } }));
}

function listProposals(consultationId: string, query: Record<string, string> = {}) {
  return handler(
    httpEvent('GET /api/consultations/{consultationId}/proposals', { pathParameters: { consultationId }, query }),
  );
}

async function listedIds(consultationId: string): Promise<string[]> {
  const result = await listProposals(consultationId, { limit: '50' });
  expect(result.statusCode).toBe(200);
  return bodyOf(result).proposals.map((p: { id: string }) => p.id);
}

async function itemsOfType(type: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': type },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function allItemsText(): Promise<string> {
  const page = await table.documents.send(new ScanCommand({ TableName: table.tableName }));
  return JSON.stringify(page.Items ?? []);
}

async function filesUnder(dir: string): Promise<string[]> {
  return readdir(path.join(fixture.uploadsDir, dir)).catch(() => []);
}

describe('submission with PDF files and the receipt link', () => {
  const org = ulid();

  it('links to the English receipt page for an English-speaking browser, with the same working token', async () => {
    const result = await submit(ulid(), validProposal({ title: 'Propozimi në anglisht' }), {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(result.statusCode).toBe(201);
    const { receiptUrl } = bodyOf(result);
    expect(receiptUrl).toMatch(/^\/en\/receipt\/#[A-Za-z0-9_-]{43}$/);
    expect((await receipt(tokenOf(receiptUrl))).statusCode).toBe(200);
  });

  it('submits a proposal with two PDFs and reads it back, files included, through its receipt link', async () => {
    const first = pdfBytes(3_000);
    const second = pdfBytes(5_000);
    const ids = [await upload(org, first, 'Plani i veprimit.pdf'), await upload(org, second, 'Buxheti.pdf')];

    const result = await submit(org, validProposal({ attachmentIds: ids }));
    expect(result.statusCode).toBe(201);
    const { id, receiptUrl } = bodyOf(result);
    expect(receiptUrl).toMatch(/^\/deftese\/#[A-Za-z0-9_-]{43}$/);

    const read = await receipt(tokenOf(receiptUrl));
    expect(read.statusCode).toBe(200);
    expect(read.headers?.['cache-control']).toBe('no-store');
    const body = proposalReceiptSchema.parse(bodyOf(read));
    expect(body.status).toBe('received');
    expect(body.visibility).toBe('pending');
    expect(body.response).toBeUndefined();
    expect(body.proposal).toMatchObject({
      id,
      consultationId: 'open-one',
      kind: 'amendment',
      commitmentId: 'youth-seats',
      sectionId: 'milestone-m1',
      title: 'Një vend për të rinjtë në çdo KVSP',
      organisation: { name: 'Qendra Rinore Elbasan', registrationNumber: 'NRC-4521' },
      contact: { email: 'arta.hoxha@example.org', phone: '+355 69 123 4567' },
      submittedAt: NOW.toISOString(),
      attachmentsPublic: false,
    });
    expect(body.proposal.milestones).toHaveLength(2);
    expect(body.proposal.attachments).toEqual([
      { id: ids[0], fileName: 'Plani i veprimit.pdf', bytes: 3_000 },
      { id: ids[1], fileName: 'Buxheti.pdf', bytes: 5_000 },
    ]);

    // The checked files left quarantine for their permanent keys, byte for byte.
    expect(await readFile(path.join(fixture.uploadsDir, 'attachments', `${ids[0]}.pdf`))).toEqual(first);
    expect(await readFile(path.join(fixture.uploadsDir, 'attachments', `${ids[1]}.pdf`))).toEqual(second);
    expect(await filesUnder('quarantine')).not.toEqual(expect.arrayContaining(ids));
  });

  it('stores only the sha256 of the receipt token, never the token, and the proposal as pending in gsi1', async () => {
    const { id, receiptUrl } = bodyOf(await submit(org, validProposal({ title: 'Propozimi me dëftesë' })));
    const token = tokenOf(receiptUrl);
    const hash = createHash('sha256').update(token).digest('hex');
    const { Item: stored } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.receipt(hash) }),
    );
    expect(stored).toMatchObject({ type: 'RECEIPT', proposalId: id });
    expect(await allItemsText()).not.toContain(token);
    const { Item: proposal } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.proposal(id) }),
    );
    expect(proposal).toMatchObject({
      status: 'received',
      visibility: 'pending',
      gsi1pk: 'CONSULTATION#open-one#PROPOSALS#pending',
      gsi1sk: id,
      version: 1,
    });
  });

  it('shows the drafters’ response on the receipt once it is given', async () => {
    const { id, receiptUrl } = bodyOf(await submit(org, validProposal({ title: 'Propozimi që merr përgjigje' })));
    const responseId = ulid();
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.response(responseId),
          type: 'RESPONSE',
          id: responseId,
          version: 1,
          contributions: [{ kind: 'proposal', id }],
          disposition: 'partially-accepted',
          justification: { sq: 'Piketa e parë u pranua; e dyta kërkon buxhet.' },
          updatedAt: '2027-02-01T10:00:00.000Z',
        },
      }),
    );
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...((await fixture.proposals.find(id)) as object),
          status: 'answered',
          responseId,
        },
      }),
    );
    const body = bodyOf(await receipt(tokenOf(receiptUrl)));
    expect(body.status).toBe('answered');
    expect(body.response).toEqual({
      disposition: 'partially-accepted',
      justification: { sq: 'Piketa e parë u pranua; e dyta kërkon buxhet.' },
      respondedAt: '2027-02-01T10:00:00.000Z',
    });
  });
});

describe('receipt access', () => {
  const org = ulid();
  let own: { id: string; token: string };
  let other: { id: string; token: string };

  beforeAll(async () => {
    const a = bodyOf(await submit(org, validProposal({ title: 'Propozimi i parë' })));
    const b = bodyOf(await submit(ulid(), validProposal({ title: 'Propozimi i dytë' })));
    own = { id: a.id, token: tokenOf(a.receiptUrl) };
    other = { id: b.id, token: tokenOf(b.receiptUrl) };
  });

  it('gives each token its own proposal and nothing else', async () => {
    expect(bodyOf(await receipt(own.token)).proposal).toMatchObject({ id: own.id, title: 'Propozimi i parë' });
    expect(bodyOf(await receipt(other.token)).proposal).toMatchObject({ id: other.id, title: 'Propozimi i dytë' });
  });

  it('answers unknown, altered and malformed tokens with the same 404 and no data', async () => {
    const altered = `${own.token.slice(0, -1)}${own.token.endsWith('A') ? 'B' : 'A'}`;
    const candidates = [
      altered,
      'A'.repeat(43),
      own.token.slice(0, 20),
      `${own.token}x`,
      own.id,
      createHash('sha256').update(own.token).digest('hex'),
      '..%2F..%2Fetc%2Fpasswd',
    ];
    for (const token of candidates) {
      const result = await receipt(token);
      expect(result.statusCode, token).toBe(404);
      expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = bodyOf(result);
      expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'messages', 'status', 'title', 'type']);
      expect(body.messages).toEqual({ sq: 'Dëftesa nuk u gjet.', en: 'The receipt was not found.' });
      expect(result.body).not.toContain(own.id);
      expect(result.body).not.toContain('Propozimi');
    }
  });
});

describe('moderation visibility and the public list', () => {
  const org = ulid();
  const consultationId = 'open-one';

  it('lists a proposal only once approved, with public fields only, and no longer once hidden', async () => {
    const ids = [await upload(org, pdfBytes(1_000), 'Shtojca.pdf')];
    const { id } = bodyOf(await submit(org, validProposal({ title: 'Propozim për listën', attachmentIds: ids })));
    expect(await listedIds(consultationId)).not.toContain(id);

    const approved = await fixture.proposals.setVisibility(id, 'approved', 1);
    expect(approved).toMatchObject({
      visibility: 'approved',
      version: 2,
      gsi1pk: `CONSULTATION#${consultationId}#PROPOSALS#approved`,
    });

    const result = await listProposals(consultationId, { limit: '50' });
    expect(result.headers?.['cache-control']).toContain('s-maxage=5');
    const page = proposalPageSchema.parse(bodyOf(result));
    const listed = page.proposals.find((p) => p.id === id);
    expect(listed).toEqual({
      id,
      consultationId,
      kind: 'amendment',
      commitmentId: 'youth-seats',
      sectionId: 'milestone-m1',
      organisation: { name: 'Qendra Rinore Elbasan', type: 'ngo', municipality: 'elbasan' },
      title: 'Propozim për listën',
      problem: validProposal().problem,
      causes: validProposal().causes,
      objective: validProposal().objective,
      milestones: validProposal().milestones,
      indicators: validProposal().indicators,
      leadInstitution: 'Ministria e Brendshme',
      supportingActors: validProposal().supportingActors,
      ogpValues: ['civic-participation', 'public-accountability'],
      expectedResults: validProposal().expectedResults,
      submittedAt: NOW.toISOString(),
      status: 'received',
    });
    for (const secret of ['arta.hoxha@example.org', 'Arta Hoxha', '+355 69 123 4567', 'NRC-4521', 'Shtojca.pdf']) {
      expect(result.body).not.toContain(secret);
    }

    await fixture.proposals.setVisibility(id, 'hidden');
    expect(await listedIds(consultationId)).not.toContain(id);
  });

  it('lists the files only when the organisation made them public, without their storage keys', async () => {
    const ids = [await upload(org, pdfBytes(1_200), 'Studimi.pdf')];
    const { id } = bodyOf(
      await submit(org, validProposal({ title: 'Me dokumente publike', attachmentIds: ids, attachmentsPublic: true })),
    );
    await fixture.proposals.setVisibility(id, 'approved');
    const result = await listProposals(consultationId, { limit: '50' });
    const listed = bodyOf(result).proposals.find((p: { id: string }) => p.id === id);
    expect(listed.attachments).toEqual([{ id: ids[0], fileName: 'Studimi.pdf', bytes: 1_200 }]);
    expect(result.body).not.toContain('attachments/');
  });

  it('moves visibility with an optimistic version: a stale version is a conflict, an unknown id not found', async () => {
    const { id } = bodyOf(await submit(org, validProposal({ title: 'Propozim me versione' })));
    await fixture.proposals.setVisibility(id, 'approved', 1);
    await expect(fixture.proposals.setVisibility(id, 'hidden', 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await fixture.proposals.find(id)).toMatchObject({ visibility: 'approved', version: 2 });
    await expect(fixture.proposals.setVisibility(ulid(), 'approved')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages the approved proposals newest first and refuses a foreign cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = bodyOf(
        await submit(org, validProposal({ consultationId: 'open-one', title: `Faqja ${i} e listës` })),
      );
      await fixture.proposals.setVisibility(id, 'approved');
      ids.push(id);
    }
    const all = await listedIds(consultationId);
    expect(all.slice(0, 3)).toEqual([...ids].reverse());
    const first = bodyOf(await listProposals(consultationId, { limit: '2' }));
    expect(first.proposals.map((p: { id: string }) => p.id)).toEqual(all.slice(0, 2));
    const second = bodyOf(await listProposals(consultationId, { limit: '2', cursor: first.nextCursor }));
    expect(second.proposals.map((p: { id: string }) => p.id)).toEqual(all.slice(2, 4));
    const foreign = Buffer.from(JSON.stringify({ pk: 'COMMENT#x', sk: 'COMMENT' })).toString('base64url');
    const refused = await listProposals(consultationId, { cursor: foreign });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual(['cursor']);
    expect((await listProposals('no-such-consultation')).statusCode).toBe(404);
    expect((await listProposals('draft-one')).statusCode).toBe(404);
  });
});

describe('attachment refusals', () => {
  const org = ulid();

  it('refuses a file that is not a PDF although its name and type say so, and stores no proposal', async () => {
    const ok = await upload(org, pdfBytes(), 'vertete.pdf');
    const fake = await upload(org, disguisedBytes(), 'raporti.pdf');
    const before = (await itemsOfType('PROPOSAL')).length;
    const result = await submit(org, validProposal({ attachmentIds: [ok, fake] }), { 'accept-language': 'en' });
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).errors).toEqual([
      {
        field: 'attachmentIds.1',
        message: {
          sq: 'Skedari “raporti.pdf” nuk është dokument PDF, edhe pse emri ose lloji e paraqet si të tillë.',
          en: 'The file “raporti.pdf” is not a PDF document, even if its name or type says so.',
        },
      },
    ]);
    expect((await itemsOfType('PROPOSAL')).length).toBe(before);
    expect(await filesUnder('attachments')).not.toContain(`${fake}.pdf`);
    expect(await filesUnder('attachments')).not.toContain(`${ok}.pdf`);
  });

  it('refuses a file of 10 MB + 1 byte when asked for the form and when uploaded', async () => {
    const tooBig = MAX_ATTACHMENT_BYTES + 1;
    const form = await requestUpload(org, { fileName: 'i-madh.pdf', contentType: 'application/pdf', bytes: tooBig });
    expect(form.statusCode).toBe(400);
    expect(bodyOf(form).errors).toEqual([
      {
        field: 'bytes',
        message: {
          sq: 'Madhësia e skedarit: Skedari është më i madh se 10 MB.',
          en: 'File size: The file is larger than 10 MB.',
        },
      },
    ]);

    // A browser that declares less and sends more is refused by the upload itself (S3's content-length-range).
    const declared = bodyOf(
      await requestUpload(org, { fileName: 'i-madh.pdf', contentType: 'application/pdf', bytes: 1_000 }),
    );
    const put = await putFile(org, declared.attachmentId, pdfBytes(tooBig));
    expect(put.statusCode).toBe(413);
    expect(bodyOf(put).messages).toEqual({
      sq: 'Skedari është më i madh se 10 MB.',
      en: 'The file is larger than 10 MB.',
    });
    // Exactly 10 MB is allowed.
    expect((await putFile(org, declared.attachmentId, pdfBytes(MAX_ATTACHMENT_BYTES))).statusCode).toBe(200);
  });

  it('refuses a sixth file with a message that says so, keeping the five', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await upload(org, pdfBytes(600 + i), `dok-${i}.pdf`));
    const before = (await itemsOfType('PROPOSAL')).length;
    const result = await submit(org, validProposal({ attachmentIds: ids }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).errors).toEqual([
      {
        field: 'attachmentIds',
        message: {
          sq: 'Dokumentet PDF: Një propozim mund të ketë më së shumti 5 skedarë PDF.',
          en: 'PDF documents: A proposal can have at most 5 PDF files.',
        },
      },
    ]);
    expect((await itemsOfType('PROPOSAL')).length).toBe(before);
    const five = await submit(org, validProposal({ attachmentIds: ids.slice(0, 5) }));
    expect(five.statusCode).toBe(201);
    expect(bodyOf(await receipt(tokenOf(bodyOf(five).receiptUrl))).proposal.attachments).toHaveLength(5);
  });

  it('refuses names and types other than PDF at the form, missing uploads, others’ files and reused files', async () => {
    const wrongType = await requestUpload(org, { fileName: 'foto.png', contentType: 'image/png', bytes: 10 });
    expect(wrongType.statusCode).toBe(400);
    expect(fieldsOf(wrongType)).toEqual(['fileName', 'contentType']);

    const never = bodyOf(
      await requestUpload(org, { fileName: 'harruar.pdf', contentType: 'application/pdf', bytes: 9 }),
    );
    const missing = await submit(org, validProposal({ attachmentIds: [never.attachmentId] }));
    expect(missing.statusCode).toBe(400);
    expect(bodyOf(missing).errors[0].message.en).toBe(
      'The file “harruar.pdf” was not uploaded, or the upload expired. Upload it again.',
    );

    const someoneElse = await upload(ulid(), pdfBytes(), 'e-huaj.pdf');
    const foreign = await submit(org, validProposal({ attachmentIds: [someoneElse] }));
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['attachmentIds.0']);
    expect((await putFile(org, someoneElse, pdfBytes())).statusCode).toBe(404);

    const once = await upload(org, pdfBytes(), 'nje-here.pdf');
    expect((await submit(org, validProposal({ attachmentIds: [once] }))).statusCode).toBe(201);
    const twice = await submit(org, validProposal({ attachmentIds: [once] }));
    expect(twice.statusCode).toBe(400);
    expect(fieldsOf(twice)).toEqual(['attachmentIds.0']);
    expect((await putFile(org, once, disguisedBytes())).statusCode).toBe(404);
  });
});

describe('expired uploads', () => {
  const org = ulid();

  it('refuses an upload after its form expired (15 minutes) and a file not attached within a day', async () => {
    const later = (minutes: number) =>
      createProposalsHandler(testPipeline(new Date(NOW.getTime() + minutes * 60_000)), {
        catalog,
        proposals: fixture.proposals,
        reader: createDynamoProposalReader(table.documents, table.tableName),
        attachments: fixture.attachments,
        receiptSecret: async () => TEST_SECRET,
        uploadLimiter: noRateLimiter,
      });
    const form = bodyOf(await requestUpload(org, { fileName: 'vonë.pdf', contentType: 'application/pdf', bytes: 900 }));
    const event = participantRequest('PUT /api/proposals/attachments/{attachmentId}', {
      participantId: org,
      pathParameters: { attachmentId: form.attachmentId },
      headers: { 'content-type': 'application/pdf' },
    });
    const late = await later(16)({ ...event, body: pdfBytes(900).toString('base64'), isBase64Encoded: true });
    expect(late.statusCode).toBe(400);
    expect(bodyOf(late).errors[0].message.en).toBe('The upload form expired. Ask for a new one.');

    const kept = await upload(org, pdfBytes(900), 'dje.pdf');
    const nextDay = await later(24 * 60 + 1)(
      participantRequest('POST /api/proposals', { participantId: org, body: validProposal({ attachmentIds: [kept] }) }),
    );
    expect(nextDay.statusCode).toBe(400);
    expect(fieldsOf(nextDay)).toEqual(['attachmentIds.0']);
  });
});

describe('idempotent submission', () => {
  const org = ulid();

  it('answers a retried submission with the same id and receipt link and stores one proposal', async () => {
    const files = [await upload(org, pdfBytes(), 'a.pdf'), await upload(org, pdfBytes(), 'b.pdf')];
    const body = validProposal({ title: 'Dy klikime, një propozim', attachmentIds: files });
    const headers = { 'idempotency-key': 'double-click-1' };
    const first = await submit(org, body, headers);
    const again = await submit(org, body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const stored = (await itemsOfType('PROPOSAL')).filter((p) => p.title === 'Dy klikime, një propozim');
    expect(stored).toHaveLength(1);
    const { Item } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.idempotency(org, 'double-click-1') }),
    );
    // The replay derives the link again; the record holds the id only, never the token.
    expect(JSON.parse(String(Item?.body))).toEqual({ id: bodyOf(first).id });
  });

  it('stores one proposal for ten concurrent identical submissions, all answered alike', async () => {
    const files = [await upload(org, pdfBytes(), 'c.pdf')];
    const body = validProposal({ title: 'Dhjetë njëkohësisht', attachmentIds: files });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => submit(org, body, { 'idempotency-key': 'concurrent-1' })),
    );
    for (const result of results) {
      expect(result.statusCode).toBe(201);
      expect(result.body).toBe(results[0]?.body);
    }
    expect((await itemsOfType('PROPOSAL')).filter((p) => p.title === 'Dhjetë njëkohësisht')).toHaveLength(1);
  });
});

describe('the target and the content', () => {
  const org = ulid();

  it('refuses closed and upcoming consultations (409), unknown ones (404) and foreign commitments or sections (400)', async () => {
    const before = (await itemsOfType('PROPOSAL')).length;
    const closed = await submit(
      org,
      validProposal({ consultationId: 'closed-one', commitmentId: 'old-commitment', sectionId: undefined }),
    );
    expect(closed.statusCode).toBe(409);
    const upcoming = await submit(
      org,
      validProposal({
        consultationId: 'upcoming-one',
        kind: 'new-commitment',
        commitmentId: undefined,
        sectionId: undefined,
      }),
    );
    expect(upcoming.statusCode).toBe(409);
    expect((await submit(org, validProposal({ consultationId: 'nope' }))).statusCode).toBe(404);
    expect((await submit(org, validProposal({ consultationId: 'draft-one' }))).statusCode).toBe(404);
    const foreign = await submit(org, validProposal({ commitmentId: 'old-commitment', sectionId: undefined }));
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['commitmentId']);
    const section = await submit(org, validProposal({ sectionId: 'no-such-section' }));
    expect(section.statusCode).toBe(400);
    expect(fieldsOf(section)).toEqual(['sectionId']);
    expect((await itemsOfType('PROPOSAL')).length).toBe(before);
  });

  it('accepts a new commitment without a target, and names each incomplete field in both languages', async () => {
    const fresh = await submit(
      org,
      validProposal({
        kind: 'new-commitment',
        commitmentId: undefined,
        sectionId: undefined,
        supportingActors: undefined,
      }),
    );
    expect(fresh.statusCode).toBe(201);

    const incomplete = await submit(
      org,
      validProposal({
        title: 'KVSP',
        milestones: [{ description: 'Hapi i parë', start: '2027-06-01', end: '2027-01-01', responsible: 'Bashkia' }],
        contact: { name: 'Arta', email: 'jo-email' },
        ogpValues: [],
      }),
    );
    expect(incomplete.statusCode).toBe(400);
    expect(bodyOf(incomplete).errors).toEqual([
      {
        field: 'contact.email',
        message: {
          sq: 'Email-i i kontaktit: Shkruani një adresë email-i të vlefshme.',
          en: 'Contact email: Enter a valid email address.',
        },
      },
      {
        field: 'title',
        message: { sq: 'Titulli: Duhen të paktën 5 shenja.', en: 'Title: At least 5 characters are required.' },
      },
      {
        field: 'milestones.0.end',
        message: {
          sq: 'Piketa 1, data e përfundimit: Data e përfundimit nuk mund të jetë para datës së fillimit.',
          en: 'Milestone 1, end date: The end date cannot be before the start date.',
        },
      },
      {
        field: 'ogpValues',
        message: { sq: 'Vlerat e OGP: Duhen të paktën 1 elemente.', en: 'OGP values: At least 1 items are required.' },
      },
    ]);
  });

  it('answers a filled honeypot like an accepted proposal and stores nothing', async () => {
    const before = await allItemsText();
    const result = await submit(org, validProposal({ website: 'https://spam.example' }));
    expect(result.statusCode).toBe(201);
    const { id, receiptUrl } = bodyOf(result);
    expect(await fixture.proposals.find(id)).toBeUndefined();
    expect((await receipt(tokenOf(receiptUrl))).statusCode).toBe(404);
    expect(await allItemsText()).toBe(before);
  });

  it('refuses a cross-origin submission (403) and a non-JSON one (415)', async () => {
    const event = participantRequest('POST /api/proposals', { participantId: org, body: validProposal() });
    expect(
      (await handler({ ...event, headers: { ...event.headers, origin: 'https://evil.example' } })).statusCode,
    ).toBe(403);
    expect((await handler({ ...event, headers: { ...event.headers, 'content-type': 'text/plain' } })).statusCode).toBe(
      415,
    );
  });
});

describe('privacy of contact data (PII canary)', () => {
  const CANARY_EMAIL = 'kanarina.pii.7731@example.org';
  const CANARY_PHONE = '+355 68 777 3141';
  const CANARY_NAME = 'Kanarina Testuese';
  const CANARY_REGISTRATION = 'REG-CANARY-9917';

  it('never puts the contact in a public response or in the logs', async () => {
    const output: string[] = [];
    const capture = (chunk: unknown) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    logger.setLogLevel('DEBUG');
    const publicBodies: string[] = [];
    try {
      const org = ulid();
      const files = [await upload(org, pdfBytes(), 'kanarina.pdf')];
      const body = validProposal({
        title: 'Propozimi kanarinë',
        organisation: {
          name: 'Shoqata Kanarina',
          type: 'association',
          municipality: 'tirane',
          registrationNumber: CANARY_REGISTRATION,
        },
        contact: { name: CANARY_NAME, email: CANARY_EMAIL, phone: CANARY_PHONE },
        attachmentIds: files,
      });
      const created = await submit(org, body, { 'idempotency-key': 'canary-1' });
      expect(created.statusCode).toBe(201);
      await submit(org, body, { 'idempotency-key': 'canary-1' });
      // A failing submission logs too: its problem names fields, never their values.
      await submit(org, { ...body, contact: { name: CANARY_NAME, email: CANARY_EMAIL, phone: 'x' } });
      await fixture.proposals.setVisibility(bodyOf(created).id, 'approved');
      const queries: Record<string, string>[] = [{}, { limit: '1' }, { lang: 'en' }];
      for (const query of queries) {
        const listed = await listProposals('open-one', query);
        expect(listed.statusCode).toBe(200);
        publicBodies.push(listed.body ?? '');
      }
    } finally {
      logger.setLogLevel('SILENT');
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const logs = output.join('');
    expect(logs).toContain('proposal received');
    expect(publicBodies.join('')).toContain('Propozimi kanarinë');
    for (const canary of [CANARY_EMAIL, CANARY_PHONE, CANARY_NAME, CANARY_REGISTRATION, '+355', 'kanarina.pii']) {
      expect(logs, canary).not.toContain(canary);
      for (const body of publicBodies) expect(body, canary).not.toContain(canary);
    }
  });
});

describe('through the local HTTP adapter, as npm start serves it', () => {
  it('uploads two PDFs, submits the proposal and reads it back through the receipt link; refuses 10 MB + 1 byte', async () => {
    const stub: HttpHandler = async () => ({ statusCode: 404 });
    const server = createLocalServer({
      handlers: Object.fromEntries(
        Object.keys(FUNCTION_ENTRIES).map((name) => [name, name === 'proposals' ? handler : stub]),
      ) as Record<RouteFunction, HttpHandler>,
      siteDir: fixture.uploadsDir,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      let cookie = '';
      const send = async (method: string, url: string, body: BodyInit, contentType: string) => {
        const response = await fetch(`${base}${url}`, {
          method,
          body,
          headers: { origin: SITE_ORIGIN, 'content-type': contentType, ...(cookie ? { cookie } : {}) },
        });
        const set = response.headers.get('set-cookie');
        if (set) cookie = set.split(';')[0] ?? '';
        return response;
      };
      const attach = async (bytes: Buffer, fileName: string) => {
        const form = await send(
          'POST',
          '/api/proposals/attachments',
          JSON.stringify({ fileName, contentType: 'application/pdf', bytes: bytes.length }),
          'application/json',
        );
        expect(form.status).toBe(201);
        const { attachmentId, upload: target } = (await form.json()) as {
          attachmentId: string;
          upload: { method: string; url: string };
        };
        const put = await send(target.method, target.url, new Uint8Array(bytes), 'application/pdf');
        expect(put.status).toBe(200);
        return attachmentId;
      };
      const ids = [await attach(pdfBytes(40_000), 'Analiza.pdf'), await attach(pdfBytes(70_000), 'Anketa.pdf')];
      const created = await send(
        'POST',
        '/api/proposals',
        JSON.stringify(validProposal({ attachmentIds: ids })),
        'application/json',
      );
      expect(created.status).toBe(201);
      const { id, receiptUrl } = (await created.json()) as { id: string; receiptUrl: string };

      const read = await fetch(`${base}/api/proposals/receipt/${tokenOf(receiptUrl)}`);
      expect(read.status).toBe(200);
      const body = proposalReceiptSchema.parse(await read.json());
      expect(body.proposal.id).toBe(id);
      expect(body.proposal.attachments.map((a) => [a.fileName, a.bytes])).toEqual([
        ['Analiza.pdf', 40_000],
        ['Anketa.pdf', 70_000],
      ]);

      const form = await send(
        'POST',
        '/api/proposals/attachments',
        JSON.stringify({ fileName: 'x.pdf', contentType: 'application/pdf', bytes: 10 }),
        'application/json',
      );
      const { upload: target } = (await form.json()) as { upload: { url: string } };
      const tooBig = await send('PUT', target.url, new Uint8Array(MAX_ATTACHMENT_BYTES + 1), 'application/pdf');
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { messages: { en: string } }).messages.en).toBe(
        'The file is larger than 10 MB.',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
