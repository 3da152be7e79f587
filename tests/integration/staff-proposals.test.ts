import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#functions/commons/http.ts';
import { createStaffFunction } from '#functions/staff/actions.ts';
import { Catalog } from '#shared/catalog.ts';
import { keys } from '#shared/keys.ts';
import { acceptedKey } from '#shared/proposals.ts';
import { proposalPageSchema } from '#shared/schemas/proposal.ts';
import {
  attachmentDownloadSchema,
  auditPageSchema,
  proposalModerationResultSchema,
  staffProposalPageSchema,
} from '#shared/schemas/staff.ts';
import { createLocalAuth, type LocalAuth } from '../../local/auth.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { staffHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest, TEST_SECRET } from '../support/participation.ts';
import { type ProposalsFixture, pdfBytes, proposalsFixture, validProposal } from '../support/proposals.ts';
import { type StaffUser, staffRequest } from '../support/staff.ts';

/**
 * Proposals in the staff API on DynamoDB Local: the lists by visibility (contacts for drafters and admins only),
 * moderation in one transaction with its audit entry (approved proposals then appear in the public list), and
 * short-lived download links to the files, served locally by the signed local-only route.
 */
const catalog = new Catalog(catalogFixture);
const CONSULTATION = 'open-one';
const CONTACT_EMAIL = 'arta.hoxha@example.org';

let table: TestTable;
let fixture: ProposalsFixture;
let staff: ReturnType<typeof staffHandler>;

beforeAll(async () => {
  table = await createTestTable();
  fixture = await proposalsFixture(table, catalog, NOW);
  staff = staffHandler(table, catalog, { attachments: fixture.attachments });
});
afterAll(async () => {
  await table.drop();
  await rm(fixture.uploadsDir, { recursive: true, force: true });
});

const bodyOf = (result: HttpResult) => JSON.parse(result.body ?? '');

/** Submits a proposal with one PDF file through the proposals function; returns its id and the file's id. */
async function submitProposal(title: string): Promise<{ id: string; attachmentId: string }> {
  const participantId = ulid();
  const bytes = pdfBytes(1_500);
  const form = await fixture.handler(
    participantRequest('POST /api/proposals/attachments', {
      participantId,
      body: { fileName: 'Analiza e plotë.pdf', contentType: 'application/pdf', bytes: bytes.length },
    }),
  );
  const { attachmentId } = bodyOf(form);
  const put = participantRequest('PUT /api/proposals/attachments/{attachmentId}', {
    participantId,
    pathParameters: { attachmentId },
    headers: { 'content-type': 'application/pdf' },
  });
  expect((await fixture.handler({ ...put, body: bytes.toString('base64'), isBase64Encoded: true })).statusCode).toBe(
    200,
  );
  const created = await fixture.handler(
    participantRequest('POST /api/proposals', {
      participantId,
      body: validProposal({ title, attachmentIds: [attachmentId] }),
    }),
  );
  expect(created.statusCode).toBe(201);
  return { id: bodyOf(created).id, attachmentId };
}

function staffList(user: StaffUser, query: Record<string, string> = {}) {
  return staff(
    staffRequest('GET /api/admin/consultations/{consultationId}/proposals', {
      user,
      pathParameters: { consultationId: CONSULTATION },
      query,
    }),
  );
}

function moderate(user: StaffUser, proposalId: string, body: unknown) {
  return staff(
    staffRequest('POST /api/admin/proposals/{proposalId}/moderation', {
      user,
      pathParameters: { proposalId },
      body,
    }),
  );
}

async function publicIds(): Promise<string[]> {
  const result = await fixture.handler(
    httpEvent('GET /api/consultations/{consultationId}/proposals', {
      pathParameters: { consultationId: CONSULTATION },
      query: { limit: '50' },
    }),
  );
  return proposalPageSchema.parse(bodyOf(result)).proposals.map((p) => p.id);
}

async function auditOf(proposalId: string) {
  const result = await staff(
    staffRequest('GET /api/admin/consultations/{consultationId}/audit', {
      user: 'admin',
      pathParameters: { consultationId: CONSULTATION },
      query: { limit: '100' },
    }),
  );
  return auditPageSchema.parse(bodyOf(result)).entries.filter((e) => e.target.id === proposalId);
}

describe('the staff proposal lists', () => {
  it('shows the pending queue to every staff member, the contact only to drafters and admins', async () => {
    const { id, attachmentId } = await submitProposal('Propozim në radhë');
    for (const user of ['moderator', 'drafter', 'admin'] as const) {
      const result = await staffList(user);
      expect(result.statusCode, user).toBe(200);
      const page = staffProposalPageSchema.parse(bodyOf(result));
      expect(page.visibility).toBe('pending');
      const item = page.proposals.find((p) => p.id === id);
      expect(item, user).toMatchObject({
        visibility: 'pending',
        version: 1,
        organisation: { name: 'Qendra Rinore Elbasan', registrationNumber: 'NRC-4521' },
        attachments: [{ id: attachmentId, fileName: 'Analiza e plotë.pdf', bytes: 1_500 }],
      });
      if (user === 'moderator') {
        expect(item?.contact).toBeUndefined();
        expect(result.body).not.toContain(CONTACT_EMAIL);
      } else {
        expect(item?.contact).toEqual({ name: 'Arta Hoxha', email: CONTACT_EMAIL, phone: '+355 69 123 4567' });
      }
      // Never the storage key of a file.
      expect(result.body).not.toContain('attachments/');
    }
  });

  it('pages with a cursor and refuses a cursor of another list', async () => {
    await submitProposal('Faqja 1');
    await submitProposal('Faqja 2');
    const first = staffProposalPageSchema.parse(bodyOf(await staffList('moderator', { limit: '1' })));
    expect(first.proposals).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = staffProposalPageSchema.parse(
      bodyOf(await staffList('moderator', { limit: '1', cursor: first.nextCursor as string })),
    );
    expect(second.proposals[0]?.id).not.toBe(first.proposals[0]?.id);
    const foreign = await staffList('moderator', { visibility: 'approved', cursor: first.nextCursor as string });
    expect(foreign.statusCode).toBe(400);
    expect((await staffList('moderator', { visibility: 'reported' })).statusCode).toBe(400);
  });

  it('answers 404 for an unknown consultation', async () => {
    const result = await staff(
      staffRequest('GET /api/admin/consultations/{consultationId}/proposals', {
        user: 'admin',
        pathParameters: { consultationId: 'no-such-consultation' },
      }),
    );
    expect(result.statusCode).toBe(404);
  });
});

describe('proposal moderation', () => {
  it('approves a proposal into the public list, with one audit entry in the same transaction', async () => {
    const { id } = await submitProposal('Propozim për miratim');
    expect(await publicIds()).not.toContain(id);

    const result = await moderate('moderator', id, { action: 'approve', note: 'I plotë' });
    expect(result.statusCode).toBe(200);
    const outcome = proposalModerationResultSchema.parse(bodyOf(result));
    expect(outcome).toMatchObject({ proposalId: id, visibility: 'approved', version: 2 });

    expect(await publicIds()).toContain(id);
    const approvedList = staffProposalPageSchema.parse(
      bodyOf(await staffList('moderator', { visibility: 'approved' })),
    );
    expect(approvedList.proposals.map((p) => p.id)).toContain(id);
    const pending = staffProposalPageSchema.parse(bodyOf(await staffList('moderator')));
    expect(pending.proposals.map((p) => p.id)).not.toContain(id);

    const entries = await auditOf(id);
    expect(entries).toEqual([
      {
        id: outcome.auditId,
        consultationId: CONSULTATION,
        at: NOW.toISOString(),
        actor: { sub: 'sub-moderator', username: 'mira.moderator' },
        action: 'proposal.approve',
        target: { kind: 'proposal', id },
        from: 'pending',
        to: 'approved',
        note: 'I plotë',
      },
    ]);
  });

  it('hides with a reason and restores, each with its entry; an action that does not apply is a 409', async () => {
    const { id } = await submitProposal('Propozim për fshehje');
    expect((await moderate('admin', id, { action: 'restore' })).statusCode).toBe(409);
    expect((await moderate('moderator', id, { action: 'hide' })).statusCode).toBe(400);
    expect((await moderate('moderator', id, { action: 'hide', reason: 'other' })).statusCode).toBe(400);

    const hidden = await moderate('moderator', id, { action: 'hide', reason: 'spam' });
    expect(bodyOf(hidden)).toMatchObject({ visibility: 'hidden', version: 2 });
    expect(await publicIds()).not.toContain(id);
    expect((await moderate('moderator', id, { action: 'approve' })).statusCode).toBe(409);

    const restored = await moderate('admin', id, { action: 'restore', note: 'Gabim' });
    expect(bodyOf(restored)).toMatchObject({ visibility: 'approved', version: 3 });
    expect(await publicIds()).toContain(id);

    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, e.from, e.to, e.reason, e.actor.username])).toEqual([
      ['proposal.restore', 'hidden', 'approved', undefined, 'ana.admin'],
      ['proposal.hide', 'pending', 'hidden', 'spam', 'mira.moderator'],
    ]);
    // Refused actions changed nothing and recorded nothing.
    const { Item } = await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.proposal(id), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ visibility: 'approved', version: 3 });
  });

  it('refuses drafters (403), unknown proposals (404), and writes nothing then', async () => {
    const { id } = await submitProposal('Propozim i paprekur');
    expect((await moderate('drafter', id, { action: 'approve' })).statusCode).toBe(403);
    expect((await moderate('moderator', ulid(), { action: 'approve' })).statusCode).toBe(404);
    expect((await moderate('moderator', 'not-an-id', { action: 'approve' })).statusCode).toBe(404);
    expect(await auditOf(id)).toEqual([]);
    const audit = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.audit(CONSULTATION, '').pk },
      }),
    );
    expect((audit.Items ?? []).some((e) => e.target?.id === id)).toBe(false);
  });
});

describe('attachment downloads', () => {
  it('gives any staff member a link valid five minutes; another proposal’s file or an unknown one is a 404', async () => {
    const { id, attachmentId } = await submitProposal('Propozim me dokument');
    const other = await submitProposal('Propozim tjetër');
    for (const user of ['moderator', 'drafter', 'admin'] as const) {
      const result = await staff(
        staffRequest('GET /api/admin/proposals/{proposalId}/attachments/{attachmentId}', {
          user,
          pathParameters: { proposalId: id, attachmentId },
        }),
      );
      expect(result.statusCode, user).toBe(200);
      expect(result.headers?.['cache-control']).toBe('no-store');
      const link = attachmentDownloadSchema.parse(bodyOf(result));
      expect(link.expiresAt).toBe(new Date(NOW.getTime() + 300_000).toISOString());
      expect(link.url).toMatch(new RegExp(`^/api/local/attachments/${attachmentId}\\?`));
    }
    for (const [proposalId, fileId] of [
      [id, other.attachmentId],
      [ulid(), attachmentId],
      ['x', attachmentId],
    ] as const) {
      const result = await staff(
        staffRequest('GET /api/admin/proposals/{proposalId}/attachments/{attachmentId}', {
          user: 'admin',
          pathParameters: { proposalId, attachmentId: fileId },
        }),
      );
      expect(result.statusCode).toBe(404);
    }
  });
});

describe('through the local adapter (the JWT authorizer’s part) and the local download route', () => {
  let auth: LocalAuth;
  let server: ReturnType<typeof createLocalServer>;
  let base: string;

  beforeAll(async () => {
    auth = await createLocalAuth();
    const staffFunction = createStaffFunction({
      catalog,
      client: table.documents,
      tableName: table.tableName,
      clock: () => NOW,
      cookieSecret: async () => TEST_SECRET,
      auth: { kind: 'local' },
      attachments: fixture.attachments,
    });
    server = createLocalServer({
      handlers: { staff: staffFunction, proposals: fixture.handler },
      siteDir: '/nonexistent',
      staffAuth: auth,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Without a token. */
  const call = (method: string, path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });

  async function authed(method: string, path: string, user: StaffUser, body?: unknown) {
    return fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${await auth.issue(user)}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  it('answers 401 without a token and 403 for the wrong group; approves end to end into the public list', async () => {
    const { id, attachmentId } = await submitProposal('Propozim nga fundi në fund');
    const routes = [
      ['GET', `/api/admin/consultations/${CONSULTATION}/proposals`],
      ['POST', `/api/admin/proposals/${id}/moderation`],
      ['GET', `/api/admin/proposals/${id}/attachments/${attachmentId}`],
    ] as const;
    for (const [method, path] of routes) {
      const response = await call(method, path, method === 'POST' ? { action: 'approve' } : undefined);
      expect(response.status, path).toBe(401);
    }
    expect(
      (await authed('POST', `/api/admin/proposals/${id}/moderation`, 'drafter', { action: 'approve' })).status,
    ).toBe(403);

    const approved = await authed('POST', `/api/admin/proposals/${id}/moderation`, 'moderator', { action: 'approve' });
    expect(approved.status).toBe(200);
    const list = await fetch(`${base}/api/consultations/${CONSULTATION}/proposals?limit=50`);
    const page = proposalPageSchema.parse(await list.json());
    const listed = page.proposals.find((p) => p.id === id);
    expect(listed?.title).toBe('Propozim nga fundi në fund');
    expect(JSON.stringify(page)).not.toContain(CONTACT_EMAIL);
  });

  it('downloads the file through the signed link as a PDF attachment; a changed or expired link is a 404', async () => {
    const { id, attachmentId } = await submitProposal('Propozim për shkarkim');
    const response = await authed('GET', `/api/admin/proposals/${id}/attachments/${attachmentId}`, 'drafter');
    expect(response.status).toBe(200);
    const { url } = attachmentDownloadSchema.parse(await response.json());

    // No staff token needed: the link itself is the short-lived permission, as a presigned S3 GET.
    const file = await fetch(base + url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Analiza e plote.pdf"; filename*=UTF-8''${encodeURIComponent('Analiza e plotë.pdf')}`,
    );
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdfBytes(1_500))).toBe(true);

    const tampered = new URL(base + url);
    tampered.searchParams.set('name', 'other.pdf');
    expect((await fetch(tampered)).status).toBe(404);
    const forged = new URL(base + url);
    forged.searchParams.set('signature', 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(404);
    const unsigned = new URL(base + url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(404);

    const stale = await fixture.attachments.downloadUrl(acceptedKey(attachmentId), {
      fileName: 'Analiza e plotë.pdf',
      expiresInSeconds: 300,
      now: new Date(NOW.getTime() - 301_000),
    });
    expect((await fetch(base + stale)).status).toBe(404);
  });
});
