import { rm } from 'node:fs/promises';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpHandler } from '#functions/commons/http.ts';
import { Catalog } from '#shared/catalog.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest } from '../support/participation.ts';
import { disguisedBytes, pdfBytes, proposalsFixture, validProposal } from '../support/proposals.ts';

/**
 * POST /api/proposals under generated input. Any input: never a 5xx, errors as problem+json. Invalid input (every
 * kind of incomplete or malformed proposal, refused files, closed consultations, malformed JSON): a 4xx and not one
 * item stored. FUZZ_RUNS cases each (2,000 in `npm test`).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const catalog = new Catalog(catalogFixture);
const owner = ulid();
let table: TestTable;
let handler: HttpHandler;
let uploadsDir = '';
/** PDFs uploaded by `owner`, usable once each; one disguised non-PDF. */
let uploaded: string[] = [];
let disguised = '';

async function upload(bytes: Buffer): Promise<string> {
  const form = await handler(
    participantRequest('POST /api/proposals/attachments', {
      participantId: owner,
      body: { fileName: 'fuzz.pdf', contentType: 'application/pdf', bytes: bytes.length },
    }),
  );
  const { attachmentId } = JSON.parse(form.body ?? '');
  const event = participantRequest('PUT /api/proposals/attachments/{attachmentId}', {
    participantId: owner,
    pathParameters: { attachmentId },
    headers: { 'content-type': 'application/pdf' },
  });
  const put = await handler({ ...event, body: bytes.toString('base64'), isBase64Encoded: true });
  expect(put.statusCode).toBe(200);
  return attachmentId;
}

beforeAll(async () => {
  table = await createTestTable();
  ({ handler, uploadsDir } = await proposalsFixture(table, catalog, NOW));
  uploaded = [];
  for (let i = 0; i < 30; i++) uploaded.push(await upload(pdfBytes(500 + i)));
  disguised = await upload(disguisedBytes());
});
afterAll(async () => {
  await table.drop();
  await rm(uploadsDir, { recursive: true, force: true });
});

async function countItems(type?: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({
        TableName: table.tableName,
        Select: 'COUNT',
        ...(type
          ? {
              FilterExpression: '#type = :type',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': type },
            }
          : {}),
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function submit(body: string, headers: Record<string, string>, participantId?: string): HttpEvent {
  const event = participantRequest('POST /api/proposals', { ...(participantId ? { participantId } : {}), headers });
  return { ...event, body };
}

const text = (prefix: string, maxLength: number) =>
  fc.string({ maxLength, unit: 'binary' }).map((s) => `${prefix} ${s}`.slice(0, maxLength + prefix.length));
const date = fc
  .date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const milestone = fc.tuple(date, date).map((dates) => {
  const [start, end] = dates.sort();
  return { description: 'Një piketë e propozuar', start, end, responsible: 'Bashkia' };
});

/** Proposals that pass the schema (their files may still be refused, or taken already). */
const validBody = fc
  .record({
    target: fc.constantFrom(
      { kind: 'amendment', commitmentId: 'youth-seats', sectionId: 'problem' },
      { kind: 'amendment', commitmentId: 'public-meetings' },
      { kind: 'new-commitment' },
    ),
    title: text('Propozim', 150),
    problem: text('Problemi që zgjidhim sot', 400),
    milestones: fc.array(milestone, { minLength: 1, maxLength: 10 }),
    ogpValues: fc.subarray(['transparency', 'civic-participation', 'public-accountability', 'technology'], {
      minLength: 1,
    }),
    attachments: fc.oneof(
      { arbitrary: fc.constant<number[]>([]), weight: 3 },
      { arbitrary: fc.subarray([0, 1, 2, 3], { maxLength: 3 }), weight: 1 },
    ),
    attachmentsPublic: fc.boolean(),
  })
  .map(({ target, attachments, ...fields }) => {
    const { commitmentId: _c, sectionId: _s, kind: _k, ...base } = validProposal();
    return {
      ...base,
      ...target,
      ...fields,
      // Mostly none, sometimes the owner's real PDFs (each can be taken once), sometimes unknown ids.
      attachmentIds: attachments.map((i) => (i === 3 ? ulid() : (uploaded.shift() ?? ulid()))),
    };
  });

/** One way to make a valid proposal invalid, each of which the API must refuse without storing anything. */
const breakers: fc.Arbitrary<(p: Record<string, unknown>) => Record<string, unknown> | string>[] = [
  // An unknown or privileged field (strict objects).
  fc
    .tuple(
      fc.constantFrom('status', 'visibility', 'id', 'pk', 'gsi1pk', 'version', 'participantId', 'responseId', 'x'),
      fc.jsonValue(),
    )
    .map(([field, value]) => (p) => ({ ...p, [field]: value })),
  // A required field missing.
  fc
    .constantFrom(
      'consultationId',
      'kind',
      'organisation',
      'contact',
      'title',
      'problem',
      'causes',
      'objective',
      'milestones',
      'indicators',
      'leadInstitution',
      'ogpValues',
      'expectedResults',
    )
    .map((field) => (p) => {
      const { [field]: _removed, ...rest } = p;
      return rest;
    }),
  // A field of the wrong type or out of its bounds.
  fc
    .tuple(
      fc.constantFrom('title', 'problem', 'causes', 'objective', 'expectedResults', 'leadInstitution'),
      fc.oneof(
        fc.constantFrom(null, 0, true, [], {}, '', '   ', '\u0000\u0007'),
        fc.constant('x'.repeat(5_001)),
        fc.integer(),
      ),
    )
    .map(([field, value]) => (p) => ({ ...p, [field]: value })),
  // Contact, organisation and dates that are not what they claim.
  fc
    .constantFrom<Record<string, unknown>>(
      { contact: { name: 'Arta', email: 'not-an-email' } },
      { contact: { name: 'Arta', email: 'arta@example.org', phone: 'call me' } },
      { contact: { name: 'A', email: 'arta@example.org' } },
      { organisation: { name: 'Q', type: 'ngo', municipality: 'elbasan' } },
      { organisation: { name: 'Qendra', type: 'ministry', municipality: 'elbasan' } },
      { organisation: { name: 'Qendra', type: 'ngo', municipality: 'atlantis' } },
      {
        milestones: [{ description: 'Hapi', start: '2027-06-01', end: '2027-01-01', responsible: 'Bashkia' }],
      },
      { milestones: [{ description: 'Hapi', start: '2027-02-30', end: '2027-03-01', responsible: 'Bashkia' }] },
      { milestones: [] },
      {
        milestones: Array.from({ length: 11 }, () => ({
          description: 'Hapi',
          start: '2027-01-01',
          end: '2027-01-02',
          responsible: 'Bashkia',
        })),
      },
      { ogpValues: ['transparency', 'transparency'] },
      { indicators: [] },
      { kind: 'amendment', commitmentId: undefined, sectionId: undefined },
      { kind: 'new-commitment', commitmentId: 'youth-seats' },
      { commitmentId: 'old-commitment', kind: 'amendment', sectionId: undefined },
      { commitmentId: 'youth-seats', kind: 'amendment', sectionId: 'no-such-section' },
      { consultationId: 'closed-one', kind: 'new-commitment', commitmentId: undefined, sectionId: undefined },
      { consultationId: 'no-such-consultation' },
      { consultationId: 'Not A Slug' },
    )
    .map((patch) => (p) => ({ ...p, ...patch })),
  // Files: too many, unknown, duplicated, not a PDF, not ids at all.
  fc
    .constantFrom<() => unknown>(
      () => Array.from({ length: 6 }, () => ulid()),
      () => [ulid()],
      () => [disguised],
      () => {
        const id = ulid();
        return [id, id];
      },
      () => ['../../etc/passwd'],
      () => 'not-an-array',
    )
    .map((ids) => (p) => ({ ...p, attachmentIds: ids() })),
  // Not a proposal at all.
  fc
    .oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '{"__proto__":{"polluted":1}}',
        JSON.stringify({ a: 'b'.repeat(300_000) }),
      ),
    )
    .map((raw) => () => raw),
];

const anyHeaders = fc
  .record({
    // Mostly what the site sends, so that many cases reach the proposal code; the rest must be refused early.
    'content-type': fc.oneof(
      { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 8 },
      { arbitrary: fc.constantFrom('text/plain', '', 'multipart/form-data'), weight: 1 },
    ),
    origin: fc.oneof(
      { arbitrary: fc.constant('http://localhost:8080'), weight: 8 },
      { arbitrary: fc.constantFrom('https://evil.example', '', 'null'), weight: 1 },
    ),
    'idempotency-key': fc.option(fc.oneof(fc.constantFrom('k1', 'k2', ''), fc.string({ maxLength: 80 })), {
      freq: 2,
    }),
  })
  .map(
    ({ 'idempotency-key': key, ...headers }): Record<string, string> =>
      key === null ? headers : { ...headers, 'idempotency-key': key },
  );

describe('fuzzing POST /api/proposals', () => {
  it(`never answers 5xx, whatever the body, headers or participant (${RUNS} cases)`, async () => {
    const statuses = new Map<number, number>();
    const anyBody = fc.oneof(
      { arbitrary: validBody.map((p) => JSON.stringify(p)), weight: 4 },
      {
        arbitrary: fc.tuple(validBody, fc.oneof(...breakers)).map(([p, breaker]) => {
          const broken = breaker(p);
          return typeof broken === 'string' ? broken : JSON.stringify(broken);
        }),
        weight: 4,
      },
      { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(anyBody, anyHeaders, fc.option(fc.constantFrom(owner, ulid())), async (body, headers, who) => {
        const result = await handler(submit(body, headers, who ?? undefined));
        const status = result.statusCode ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status, `${body.slice(0, 300)} -> ${result.body}`).toBeLessThan(500);
        if (status >= 400) expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
      }),
      { numRuns: RUNS },
    );
    console.info(`POST /api/proposals statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The generator must reach acceptance and refusal, or the property proves little.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(RUNS / 20);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(3);
  }, 600_000);

  it(`stores nothing for invalid proposals: a 4xx and not one item written (${RUNS} cases)`, async () => {
    const before = { all: await countItems(), proposals: await countItems('PROPOSAL') };
    await fc.assert(
      fc.asyncProperty(validBody, fc.oneof(...breakers), async (valid, breaker) => {
        // The owner's real PDFs stay out of this run: a valid file must not make an invalid proposal pass.
        const proposal = { ...valid, attachmentIds: [] };
        const broken = breaker(proposal);
        const body = typeof broken === 'string' ? broken : JSON.stringify(broken);
        const result = await handler(submit(body, { 'content-type': 'application/json' }, owner));
        expect(result.statusCode, `${body.slice(0, 300)} -> ${result.body}`).toBeGreaterThanOrEqual(400);
        expect(result.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await countItems('PROPOSAL')).toBe(before.proposals);
    expect(await countItems()).toBe(before.all);
  }, 600_000);
});
