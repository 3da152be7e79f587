import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpHandler } from '#functions/commons/http.ts';
import { createParticipationActions } from '#functions/participation/actions.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { Catalog } from '#shared/catalog.ts';
import { normaliseText } from '#shared/text.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { httpEvent } from '../support/events.ts';
import { publicReadHandler } from '../support/handlers.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

/**
 * R1/R2: every participation write route under generated input. Any input: never a 5xx. Invalid input (privileged
 * or unknown fields injected into otherwise valid bodies, wrong types, malformed JSON): a 4xx and nothing stored.
 * Runs FUZZ_RUNS cases per route (2,000 in `npm test`; `FUZZ_RUNS=10000` for a longer run).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const catalog = new Catalog(catalogFixture);
let table: TestTable;
let participation: HttpHandler;
let publicRead: HttpHandler;
let commentId: string;
const author = ulid();

beforeAll(async () => {
  table = await createTestTable();
  participation = createParticipationHandler(
    testPipeline(NOW),
    createParticipationActions({ catalog, client: table.documents, tableName: table.tableName, secureCookies: false }),
  );
  publicRead = publicReadHandler(table, catalog);
  const created = await participation(
    participantRequest('POST /api/commitments/{commitmentId}/comments', {
      participantId: author,
      body: { body: 'Koment për testet e fuzz.' },
      pathParameters: { commitmentId: 'youth-seats' },
    }),
  );
  commentId = JSON.parse(created.body ?? '').id;
});
afterAll(async () => {
  await table.drop();
});

const PRIVILEGED = [
  'status',
  'hidden',
  'tally',
  'role',
  'participantId',
  'id',
  'createdAt',
  'reactions',
  'reportCount',
  'version',
  'pk',
  'gsi1pk',
  '__proto__',
  'constructor',
];

type WriteRoute = {
  routeKey: string;
  params: (c: string) => Record<string, fc.Arbitrary<string>>;
  /** Bodies that pass the schema (used to build invalid ones by injection, and to mix into any-input runs). */
  valid: fc.Arbitrary<Record<string, unknown>> | undefined;
};

const anyText = fc.string({ maxLength: 300, unit: 'binary' });
const validIds = (ids: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, { arbitrary: fc.string({ maxLength: 120 }), weight: 1 });
const ROUTES: WriteRoute[] = [
  {
    routeKey: 'POST /api/commitments/{commitmentId}/comments',
    params: () => ({ commitmentId: validIds(['youth-seats', 'old-commitment', 'nope']) }),
    valid: fc.record(
      {
        body: fc.string({ minLength: 1, maxLength: 200 }).filter((s) => normaliseText(s).length > 0),
        sectionId: fc.constantFrom('problem', 'milestone-m1'),
      },
      { requiredKeys: ['body'] },
    ),
  },
  {
    routeKey: 'PUT /api/commitments/{commitmentId}/vote',
    params: () => ({ commitmentId: validIds(['youth-seats', 'public-meetings', 'old-commitment']) }),
    valid: fc.record({ choice: fc.constantFrom('support', 'oppose', 'neutral') }),
  },
  {
    routeKey: 'DELETE /api/commitments/{commitmentId}/vote',
    params: () => ({ commitmentId: validIds(['youth-seats', 'nope']) }),
    valid: undefined,
  },
  {
    routeKey: 'PUT /api/comments/{commentId}/reaction',
    params: (c) => ({ commentId: validIds([c, ulid()]) }),
    valid: fc.record({ reaction: fc.constantFrom('agree', 'disagree', 'pass') }),
  },
  {
    routeKey: 'POST /api/comments/{commentId}/reports',
    params: (c) => ({ commentId: validIds([c, ulid()]) }),
    valid: fc.record(
      {
        reason: fc.constantFrom('spam', 'abuse', 'other'),
        note: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => normaliseText(s).length > 0),
      },
      { requiredKeys: ['reason'] },
    ),
  },
  {
    routeKey: 'PUT /api/me/profile',
    params: () => ({}),
    valid: fc.record(
      {
        displayName: fc.constantFrom('Arta', 'Ëngjëll Çela'),
        stakeholderType: fc.constantFrom('youth', 'ngo'),
        municipality: fc.constantFrom('elbasan', 'korce'),
        ageBand: fc.constantFrom('18-24'),
      },
      { requiredKeys: [] },
    ),
  },
  {
    routeKey: 'DELETE /api/comments/{commentId}',
    params: (c) => ({ commentId: validIds([c, ulid()]) }),
    valid: undefined,
  },
  { routeKey: 'DELETE /api/me', params: () => ({}), valid: undefined },
];

function request(
  route: WriteRoute,
  pathParameters: Record<string, string>,
  body: string | undefined,
  headers: Record<string, string>,
  participantId?: string,
): HttpEvent {
  const event = participantRequest(route.routeKey, {
    ...(participantId ? { participantId } : {}),
    pathParameters,
    headers,
  });
  return { ...event, ...(body === undefined ? {} : { body }) };
}

const anyBody = (route: WriteRoute) =>
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    anyText,
    fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"polluted":1}}', '\u0000'),
    ...(route.valid ? [{ arbitrary: route.valid.map((v) => JSON.stringify(v)), weight: 4 }] : []),
    ...(route.valid
      ? [
          fc
            .tuple(route.valid, fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue(), { maxKeys: 3 }))
            .map(([v, extra]) => JSON.stringify({ ...extra, ...v })),
        ]
      : []),
  );
const anyHeaders = fc.record({
  'content-type': fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    '',
    'application/x-www-form-urlencoded',
  ),
  origin: fc.constantFrom('http://localhost:8080', 'http://localhost:8080', 'https://evil.example', ''),
  'idempotency-key': fc.oneof(fc.constant(''), fc.string({ maxLength: 80 })),
});

describe('fuzzing every participation write route', () => {
  for (const route of ROUTES) {
    it(`never answers 5xx on ${route.routeKey} (${RUNS} cases)`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.record(route.params(commentId)),
          anyBody(route),
          anyHeaders,
          fc.option(fc.constantFrom(author, ulid(), ulid())),
          async (params, body, headers, participantId) => {
            const result = await participation(request(route, params, body, headers, participantId ?? undefined));
            const status = result.statusCode ?? 0;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(status, `${route.routeKey} ${body} -> ${result.body}`).toBeLessThan(500);
            if (status >= 400) expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
          },
        ),
        { numRuns: RUNS },
      );
      // The generator must reach both outcomes, or the property proves little.
      expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
      expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    }, 300_000);
  }

  it(`stores nothing for invalid bodies with injected privileged or unknown fields (${RUNS} cases per route)`, async () => {
    const before = await table.countItems();
    for (const route of ROUTES.filter((r) => r.valid)) {
      await fc.assert(
        fc.asyncProperty(
          route.valid as fc.Arbitrary<Record<string, unknown>>,
          fc.constantFrom(...PRIVILEGED),
          fc.jsonValue(),
          async (valid, field, value) => {
            const body = JSON.stringify({ ...valid, [field]: value }).replace('"__proto__"', '"__proto__"');
            const params = Object.fromEntries(
              Object.keys(route.params(commentId)).map((k) => [k, k === 'commentId' ? commentId : 'youth-seats']),
            );
            const result = await participation(
              request(route, params, body, { 'content-type': 'application/json' }, ulid()),
            );
            expect(result.statusCode, `${route.routeKey} ${body}`).toBe(400);
            expect(result.cookies).toBeUndefined();
          },
        ),
        { numRuns: Math.ceil(RUNS / 4) },
      );
    }
    expect(await table.countItems()).toBe(before);
  }, 300_000);
});

/** Strings that are dangerous somewhere downstream: spreadsheets, HTML, URLs, bidi, normalisation. */
const CORPUS = [
  '=1+2',
  '+CMD|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<a href="javascript:alert(1)">klik</a>',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
  '${7*7}',
  "'; DROP TABLE comments; --",
  'Përshëndetje, çfarë bëjmë për KVSP-në?',
  'e\u0308 (NFD ë)',
  '\u202Eevil\u202C reversed',
  'zero\u200Bwidth',
  'emoji 👩🏽‍💻 🇦🇱',
  '中文评论',
  'line 1\r\nline 2\rline 3',
  'nul\u0000byte and bell\u0007',
  'x'.repeat(2000),
];

describe('text round trip', () => {
  const postAndRead = async (text: string) => {
    const created = await participation(
      participantRequest('POST /api/commitments/{commitmentId}/comments', {
        participantId: ulid(),
        body: { body: text },
        pathParameters: { commitmentId: 'public-meetings' },
      }),
    );
    expect(created.statusCode).toBe(201);
    const id = JSON.parse(created.body ?? '').id as string;
    const page = await publicRead(
      httpEvent('GET /api/commitments/{commitmentId}/comments', {
        pathParameters: { commitmentId: 'public-meetings' },
        query: { limit: '1' },
      }),
    );
    const [first] = JSON.parse(page.body ?? '').comments as { id: string; body: string }[];
    expect(first?.id).toBe(id);
    return first?.body;
  };

  it('returns every corpus string exactly as its normalised text, never altered otherwise', async () => {
    for (const text of CORPUS) expect(await postAndRead(text)).toBe(normaliseText(text));
  });

  it('returns arbitrary Unicode text exactly as its normalised text (200 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }).filter((s) => {
          const n = normaliseText(s);
          return n.length > 0 && n.length <= 2000;
        }),
        async (text) => {
          expect(await postAndRead(text)).toBe(normaliseText(text));
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
