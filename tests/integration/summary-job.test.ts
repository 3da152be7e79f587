import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler, HttpResult } from '#functions/commons/http.ts';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoReactionRepository } from '#functions/repositories/reaction-repository.ts';
import {
  createDynamoSummaryJobRepository,
  type SummaryJobRepository,
} from '#functions/repositories/summary-job-repository.ts';
import { createDynamoSummarySource, type SummarySource } from '#functions/repositories/summary-source.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { createStaffFunction } from '#functions/staff/actions.ts';
import { STALE_JOB_MS } from '#functions/staff/summary-jobs.ts';
import { createDiskAttachmentStore } from '#functions/storage/disk-attachment-store.ts';
import { createDiskExportStore, type ExportStore } from '#functions/storage/export-store.ts';
import { createSummaryJobHandler, JOB_FAILED } from '#functions/summary-job/job.ts';
import { Catalog } from '#shared/catalog.ts';
import { newCommentItem } from '#shared/comments.ts';
import type { SummaryJob } from '#shared/schemas/summary-job.ts';
import type { ContentForSummary } from '#shared/summary/context.ts';
import { parseCsv } from '#shared/summary/csv.ts';
import { summarySchema } from '#shared/summary/schema.ts';
import { buildCatalog } from '../../scripts/build-catalog.ts';
import { httpEvent } from '../support/events.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { TEST_SECRET } from '../support/participation.ts';
import { type StaffUser, staffRequest } from '../support/staff.ts';

/*
 * The console's summary job against DynamoDB Local: the staff routes start it (202), the very job handler runs it
 * (here awaited, in `npm start` a background task), its item shows the progress page by page, the files land in the
 * export store, and each has a signed link that expires and cannot be forged.
 */

const CONSULTATION = 'kvsp-2026';
const A = 'kvsp-youth-participation';
const OTHER_CONSULTATION_COMMITMENT = 'youth-2024-youth-councils';
const nextId = monotonicFactory();
const START = new Date('2026-12-02T10:00:00.000Z');
const PAGE = 10;

let table: TestTable;
let exportsDir: string;
let uploadsDir: string;
let content: ContentForSummary;
let catalog: Catalog;
let clock = START;
let exportStore: ExportStore;
let runs: Promise<void>[] = [];
/** Every progress write of the jobs (items read), and what a status read showed at the first one. */
let progressWrites: number[] = [];
let seenWhileRunning: SummaryJob | undefined;
let staff: HttpHandler;
let jobs: SummaryJobRepository;
/** Swapped by the failure tests. */
let jobStore: ExportStore;
let jobSource: SummarySource;
/** Set by a test: the next progress write fails. */
let progressFault: Error | undefined;

const readJson = (result: HttpResult) => JSON.parse(result.body ?? 'null');

async function call(
  user: StaffUser,
  routeKey: string,
  pathParameters: Record<string, string>,
  body?: unknown,
): Promise<HttpResult> {
  return staff(staffRequest(routeKey, { user, pathParameters, ...(body !== undefined ? { body } : {}) }));
}

const startJob = (user: StaffUser, body: unknown, consultationId = CONSULTATION) =>
  call(user, 'POST /api/admin/consultations/{consultationId}/summary-jobs', { consultationId }, body);
const jobStatus = (user: StaffUser, jobId: string) => call(user, 'GET /api/admin/summary-jobs/{jobId}', { jobId });
const fileLink = (user: StaffUser, jobId: string, fileName: string) =>
  call(user, 'GET /api/admin/summary-jobs/{jobId}/files/{fileName}', { jobId, fileName });

/** Follows a local download link as the browser would (no staff token: the link itself is the permission). */
function download(url: string): Promise<HttpResult> {
  const parsed = new URL(url, 'http://localhost');
  const [, , , , jobId, fileName] = parsed.pathname.split('/');
  return staff(
    httpEvent('GET /api/local/exports/{jobId}/{fileName}', {
      pathParameters: { jobId: jobId as string, fileName: decodeURIComponent(fileName as string) },
      query: Object.fromEntries(parsed.searchParams),
    }),
  );
}

const bodyText = (result: HttpResult) =>
  result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');

beforeAll(async () => {
  table = await createTestTable();
  exportsDir = await mkdtemp(path.join(tmpdir(), 'konsulto-exports-'));
  uploadsDir = await mkdtemp(path.join(tmpdir(), 'konsulto-uploads-'));
  const built = await buildCatalog();
  catalog = new Catalog(built.data);
  content = built.summaryContent;
  const { documents, tableName } = table;

  // 24 votes on A, 3 comments, 3 reactions (with their counters, index and own-data items).
  const votes = createDynamoVoteRepository(documents, tableName);
  const participants = Array.from({ length: 24 }, () => nextId());
  await Promise.all(
    participants.map((p, i) =>
      votes.cast(p, { id: A, consultationId: CONSULTATION }, i % 3 ? 'support' : 'oppose', START),
    ),
  );
  const comments = createDynamoCommentRepository(documents, tableName);
  const first = newCommentItem({
    id: nextId(),
    consultationId: CONSULTATION,
    commitmentId: A,
    body: 'Të rinjtë duhet të kenë një vend në këshill.',
    participantId: participants[0] as string,
    createdAt: START.toISOString(),
    status: 'published',
  });
  await comments.create(first);
  for (const p of participants.slice(1, 3)) {
    await comments.create(
      newCommentItem({
        id: nextId(),
        consultationId: CONSULTATION,
        commitmentId: A,
        body: `Mendimi i ${p.slice(-4)}: takimet të jenë publike.`,
        participantId: p,
        createdAt: START.toISOString(),
        status: 'published',
      }),
    );
  }
  const reactions = createDynamoReactionRepository(documents, tableName);
  for (const p of participants.slice(3, 6)) await reactions.react(p, first.id, 'agree', START, () => {});

  jobs = createDynamoSummaryJobRepository(documents, tableName);
  // A spy over the real repository: records each progress write and, at the first, what the status route shows.
  const spied: SummaryJobRepository = {
    ...jobs,
    async progress(jobId, at, itemsRead, itemsTotal) {
      if (progressFault) throw progressFault;
      await jobs.progress(jobId, at, itemsRead, itemsTotal);
      progressWrites.push(itemsRead);
      if (progressWrites.length === 1) seenWhileRunning = readJson(await jobStatus('drafter', jobId));
    },
  };
  exportStore = createDiskExportStore(exportsDir);
  jobStore = exportStore;
  jobSource = createDynamoSummarySource(documents, tableName, { pageSize: PAGE });
  // The source is read through `jobSource`, so a test can swap in a faulty one.
  const handlerOverSwappableSource = createSummaryJobHandler({
    jobs: spied,
    source: {
      estimateTotal: () => jobSource.estimateTotal(),
      consultationItems: (...args) => jobSource.consultationItems(...args),
      commitmentItems: (...args) => jobSource.commitmentItems(...args),
    },
    content,
    exports: {
      put: (...args) => jobStore.put(...args),
      downloadUrl: (...args) => jobStore.downloadUrl(...args),
    },
    clock: () => clock,
    progressEveryMs: 0,
    segments: 1,
  });
  staff = createStaffFunction({
    catalog,
    client: documents,
    tableName,
    clock: () => clock,
    cookieSecret: async () => TEST_SECRET,
    auth: { kind: 'local' },
    attachments: createDiskAttachmentStore(uploadsDir),
    summaries: {
      exports: exportStore,
      launch: async (jobId) => {
        runs.push(handlerOverSwappableSource({ jobId }).catch(() => {}));
      },
    },
  });
});

afterAll(async () => {
  await table?.drop();
  await rm(exportsDir, { recursive: true, force: true });
  await rm(uploadsDir, { recursive: true, force: true });
});

async function runToEnd(): Promise<void> {
  await Promise.all(runs);
  runs = [];
}

describe('a summary job of a consultation', () => {
  let job: SummaryJob;
  let itemCount: number;

  beforeAll(async () => {
    clock = START;
    progressWrites = [];
    seenWhileRunning = undefined;
    const started = await startJob('drafter', { kind: 'summary', audience: 'public' });
    expect(started.statusCode).toBe(202);
    job = readJson(started);
    await runToEnd();
    // Every item of the table, the job's own item included (the Scan reads it too).
    itemCount = await table.countItems();
  });

  it('answers 202 with a queued job and nothing read yet', () => {
    expect(job).toMatchObject({
      consultationId: CONSULTATION,
      kind: 'summary',
      audience: 'public',
      includeContacts: false,
      status: 'queued',
      itemsRead: 0,
      files: [],
      createdAt: START.toISOString(),
    });
  });

  it('writes its progress page by page and shows it as running meanwhile', () => {
    // One segment, pages of 10 examined items: 10, 20, … then the last partial page.
    const expected = [];
    for (let read = PAGE; read < itemCount; read += PAGE) expected.push(read);
    expected.push(itemCount);
    expect(progressWrites).toEqual(expected);
    expect(seenWhileRunning).toMatchObject({ status: 'running', itemsRead: PAGE, itemsTotal: itemCount });
  });

  it('ends done, with every item read and the total exact', async () => {
    const done = readJson(await jobStatus('drafter', job.jobId)) as SummaryJob;
    expect(done).toMatchObject({ status: 'done', itemsRead: itemCount, itemsTotal: itemCount, totalIsEstimate: false });
    expect(done.files.map((f) => f.name).sort()).toEqual(
      [
        'README.txt',
        'contributions.csv',
        'proposals.csv',
        'report-en.html',
        'report-sq.html',
        'responses.csv',
        'summary.json',
        'votes.csv',
      ].sort(),
    );
    expect(await readdir(path.join(exportsDir, 'exports', job.jobId))).toHaveLength(8);
  });

  it('gives a download link valid 10 minutes that serves the CSV with its BOM and header', async () => {
    const link = await fileLink('drafter', job.jobId, 'contributions.csv');
    expect(link.statusCode).toBe(200);
    const { url, expiresAt, fileName } = readJson(link);
    expect(fileName).toBe('contributions.csv');
    expect(url).toMatch(new RegExp(`^/api/local/exports/${job.jobId}/contributions\\.csv\\?expires=\\d+&signature=`));
    expect(expiresAt).toBe(new Date(START.getTime() + 600_000).toISOString());
    const file = await download(url);
    expect(file.statusCode).toBe(200);
    expect(file.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers?.['content-disposition']).toMatch(/^attachment; filename="contributions.csv"/);
    const text = bodyText(file);
    expect(text.startsWith('\uFEFFkind,id,commitment_id,section_id,parent_id,created_at,')).toBe(true);
    expect(parseCsv(text.slice(1)).filter((row) => row[0] === 'comment')).toHaveLength(3);
  });

  it('stores a summary.json that the schema accepts, with the votes written', async () => {
    const file = await download(readJson(await fileLink('admin', job.jobId, 'summary.json')).url);
    const summary = summarySchema.parse(JSON.parse(bodyText(file)));
    expect(summary.totals.votes).toBe(24);
    expect(summary.totals.comments).toBe(3);
    expect(summary.totals.reactions).toBe(3);
  });

  it('refuses an expired link, a forged signature and a signature moved to another file', async () => {
    const { url } = readJson(await fileLink('drafter', job.jobId, 'votes.csv'));
    clock = new Date(START.getTime() + 600_000 + 1000);
    expect((await download(url)).statusCode).toBe(404);
    clock = START;
    expect((await download(url)).statusCode).toBe(200);
    const forged = url.replace(/signature=[^&]+/, `signature=${'A'.repeat(43)}`);
    expect((await download(forged)).statusCode).toBe(404);
    const moved = url.replace('/votes.csv?', '/proposals.csv?');
    expect((await download(moved)).statusCode).toBe(404);
  });

  it('is for drafters and admins only: a moderator gets 403 on every route', async () => {
    expect((await startJob('moderator', { kind: 'summary' })).statusCode).toBe(403);
    expect((await jobStatus('moderator', job.jobId)).statusCode).toBe(403);
    expect((await fileLink('moderator', job.jobId, 'votes.csv')).statusCode).toBe(403);
    expect(runs).toHaveLength(0);
  });

  it('answers 404 for an unknown job and for a file the job did not write', async () => {
    expect((await jobStatus('drafter', '01KZZZZZZZZZZZZZZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await fileLink('drafter', job.jobId, 'summary-staff.json')).statusCode).toBe(404);
    expect((await fileLink('drafter', job.jobId, '..%2Fsecret')).statusCode).toBe(404);
  });
});

describe("the list of a consultation's jobs", () => {
  it('gives the latest jobs newest first, to drafters and admins only', async () => {
    clock = new Date(START.getTime() + 1000);
    const first = readJson(await startJob('drafter', { kind: 'polis', commitmentId: A })) as SummaryJob;
    clock = new Date(START.getTime() + 2000);
    const second = readJson(await startJob('admin', { kind: 'summary', audience: 'staff' })) as SummaryJob;
    await runToEnd();
    const list = await call('drafter', 'GET /api/admin/consultations/{consultationId}/summary-jobs', {
      consultationId: CONSULTATION,
    });
    expect(list.statusCode).toBe(200);
    const { jobs: listed } = readJson(list) as { jobs: SummaryJob[] };
    expect(listed.length).toBeLessThanOrEqual(10);
    expect(listed.slice(0, 2).map((j) => [j.jobId, j.kind, j.status])).toEqual([
      [second.jobId, 'summary', 'done'],
      [first.jobId, 'polis', 'done'],
    ]);
    // Newest first throughout, and nothing of the index keys leaks.
    expect(listed.map((j) => j.jobId)).toEqual(
      listed
        .map((j) => j.jobId)
        .sort()
        .reverse(),
    );
    expect(Object.keys(listed[0] as object)).not.toContain('gsi1pk');
    const moderator = await call('moderator', 'GET /api/admin/consultations/{consultationId}/summary-jobs', {
      consultationId: CONSULTATION,
    });
    expect(moderator.statusCode).toBe(403);
    const unknown = await call('drafter', 'GET /api/admin/consultations/{consultationId}/summary-jobs', {
      consultationId: 'no-such-consultation',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('starting a job', () => {
  it('refuses an unknown consultation, a commitment of another consultation and a bad kind', async () => {
    expect((await startJob('drafter', { kind: 'summary' }, 'no-such-consultation')).statusCode).toBe(404);
    expect((await startJob('drafter', { kind: 'polis', commitmentId: OTHER_CONSULTATION_COMMITMENT })).statusCode).toBe(
      404,
    );
    expect((await startJob('drafter', { kind: 'everything' })).statusCode).toBe(400);
    expect(runs).toHaveLength(0);
  });
});

describe('a Polis export job', () => {
  it('writes comments.csv and votes.csv of the commitment', async () => {
    clock = START;
    const started = await startJob('drafter', { kind: 'polis', commitmentId: A });
    expect(started.statusCode).toBe(202);
    const { jobId } = readJson(started);
    await runToEnd();
    const done = readJson(await jobStatus('drafter', jobId)) as SummaryJob;
    expect(done.status).toBe('done');
    expect(done.files.map((f) => f.name)).toEqual(['comments.csv', 'votes.csv']);
    const votes = bodyText(await download(readJson(await fileLink('drafter', jobId, 'votes.csv')).url));
    expect(votes.split('\n')[0]).toBe('timestamp,datetime,comment-id,voter-id,vote');
    // Three agree reactions on the first comment (number 0).
    expect(
      votes
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(2)),
    ).toEqual([
      ['0', '3', '1'],
      ['0', '4', '1'],
      ['0', '5', '1'],
    ]);
  });
});

describe('a failing job', () => {
  it('is marked failed with a bilingual message, and no file it wrote is offered', async () => {
    clock = START;
    let puts = 0;
    jobStore = {
      put: async (jobId, fileName, text) => {
        puts += 1;
        if (puts === 2) throw new Error('disk full');
        return exportStore.put(jobId, fileName, text);
      },
      downloadUrl: exportStore.downloadUrl,
    };
    try {
      const { jobId } = readJson(await startJob('drafter', { kind: 'summary', audience: 'staff' }));
      await runToEnd();
      const failed = readJson(await jobStatus('drafter', jobId)) as SummaryJob;
      expect(failed).toMatchObject({ status: 'failed', files: [], error: JOB_FAILED });
      // The first file was stored before the fault, yet no link is given for it.
      expect(await readdir(path.join(exportsDir, 'exports', jobId))).toEqual(['contributions-staff.csv']);
      expect((await fileLink('drafter', jobId, 'contributions-staff.csv')).statusCode).toBe(404);
    } finally {
      jobStore = exportStore;
    }
  });

  it('fails the same way when the table cannot be read halfway', async () => {
    clock = START;
    const real = jobSource;
    jobSource = {
      ...real,
      consultationItems: (...args) =>
        (async function* () {
          let n = 0;
          for await (const item of real.consultationItems(...args)) {
            if (++n === 5)
              throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
            yield item;
          }
        })(),
    };
    try {
      const { jobId } = readJson(await startJob('drafter', { kind: 'summary' }));
      await runToEnd();
      expect(readJson(await jobStatus('drafter', jobId))).toMatchObject({
        status: 'failed',
        files: [],
        error: JOB_FAILED,
      });
    } finally {
      jobSource = real;
    }
  });

  it('fails the same way when a progress write fails', async () => {
    clock = START;
    progressFault = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    try {
      const { jobId } = readJson(await startJob('drafter', { kind: 'summary' }));
      await runToEnd();
      expect(readJson(await jobStatus('drafter', jobId))).toMatchObject({
        status: 'failed',
        files: [],
        error: JOB_FAILED,
      });
    } finally {
      progressFault = undefined;
    }
  });

  it('runs at most once: a repeated invocation of a finished job changes nothing', async () => {
    clock = START;
    const { jobId } = readJson(await startJob('drafter', { kind: 'polis', commitmentId: A }));
    await runToEnd();
    const before = readJson(await jobStatus('drafter', jobId));
    const again = createSummaryJobHandler({
      jobs,
      source: jobSource,
      content,
      exports: exportStore,
      clock: () => new Date(START.getTime() + 60_000),
    });
    await again({ jobId });
    expect(readJson(await jobStatus('drafter', jobId))).toEqual(before);
  });

  it('shows a job that stopped moving (lost invocation, timeout) as failed', async () => {
    clock = START;
    const launchless = createStaffFunction({
      catalog,
      client: table.documents,
      tableName: table.tableName,
      clock: () => clock,
      cookieSecret: async () => TEST_SECRET,
      auth: { kind: 'local' },
      attachments: createDiskAttachmentStore(uploadsDir),
      summaries: { exports: exportStore, launch: async () => {} },
    });
    const started = await launchless(
      staffRequest('POST /api/admin/consultations/{consultationId}/summary-jobs', {
        user: 'drafter',
        pathParameters: { consultationId: CONSULTATION },
        body: { kind: 'summary' },
      }),
    );
    const { jobId } = readJson(started);
    clock = new Date(START.getTime() + STALE_JOB_MS - 1000);
    expect(readJson(await jobStatus('drafter', jobId)).status).toBe('queued');
    clock = new Date(START.getTime() + STALE_JOB_MS + 1000);
    const stopped = readJson(await jobStatus('drafter', jobId));
    expect(stopped.status).toBe('failed');
    expect(stopped.error.en).toBe('The summary stopped before it was finished. Try again.');
  });
});
