import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpHandler } from '#functions/commons/http.ts';
import { createPublicReadHandler } from '#functions/consultations/public-read.ts';
import { createHealthHandler } from '#functions/health/health.ts';
import { createParticipationActions } from '#functions/participation/actions.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { createProposalsHandler } from '#functions/proposals/proposals.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { createDynamoHealthProbe } from '#functions/repositories/health-probe.ts';
import { createDynamoProposalReader } from '#functions/repositories/proposal-reader.ts';
import { createDynamoProposalRepository } from '#functions/repositories/proposal-repository.ts';
import { createDynamoRateLimiter, rateLimitSettingsFromEnv } from '#functions/repositories/rate-limiter.ts';
import { createDynamoResponseReportReader } from '#functions/repositories/response-report-reader.ts';
import { createDynamoSummaryJobRepository } from '#functions/repositories/summary-job-repository.ts';
import { createDynamoSummarySource, type SummarySource } from '#functions/repositories/summary-source.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import type { RouteFunction } from '#functions/routes.ts';
import { createStaffFunction } from '#functions/staff/actions.ts';
import { createDiskAttachmentStore } from '#functions/storage/disk-attachment-store.ts';
import { createDiskExportStore } from '#functions/storage/export-store.ts';
import { createSummaryJobHandler } from '#functions/summary-job/job.ts';
import { createInProcessJobLauncher } from '#functions/summary-job/launcher.ts';
import { Catalog, type CatalogData } from '#shared/catalog.ts';
import { createLocalAuth, type LocalAuth } from '../../local/auth.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { seedDemoData } from '../../local/seed.ts';
import { buildCatalog } from '../../scripts/build-catalog.ts';
import { createTestTable, type TestTable } from './local-table.ts';

export const SITE_DIR = path.resolve(import.meta.dirname, '../../site/dist');
const COOKIE_SECRET = Buffer.from('e2e-secret-of-at-least-32-characters-0123456789');

export type SiteRuntime = {
  /** `http://127.0.0.1:<port>`: the built site and the API on one origin, as `npm start` serves them. */
  baseUrl: string;
  catalog: CatalogData;
  table: TestTable;
  /** The local staff sign-in (as `npm start` has it): `staffAuth.issue('moderator')` gives a Bearer token. */
  staffAuth: LocalAuth;
  stop: () => Promise<void>;
};

/**
 * The local runtime of `npm start`, in-process, for browser tests: a random table on the run's DynamoDB Local, the
 * demo votes, a temporary uploads directory, the handlers (built by their factories) and the HTTP adapter serving site/dist. Nothing is built here:
 * `npm test` builds the site first. The API's catalog uses the demo window (KVSP open today) whatever the real
 * dates, so writes are accepted; the static pages keep the real dates, and the islands ask the API for the phase.
 */
export async function startSiteRuntime({
  demoToday = new Date().toISOString().slice(0, 10),
} = {}): Promise<SiteRuntime> {
  const table = await createTestTable();
  const { data, summaryContent, problems } = await buildCatalog({ demoToday });
  if (problems.length > 0) throw new Error(`content problems: ${JSON.stringify(problems)}`);
  await seedDemoData(table.documents, table.tableName, data);

  const catalog = new Catalog(data);
  const { documents, tableName } = table;
  const rateLimiter = createDynamoRateLimiter(documents, tableName);
  const pipeline = {
    clock: () => new Date(),
    cookieSecret: async () => COOKIE_SECRET,
    rateLimiter,
    rateLimits: rateLimitSettingsFromEnv({}),
    // No list: a write must come from the host the browser addressed (127.0.0.1:<random port>).
    allowedOrigins: [],
    secureCookies: false,
  };
  const uploads = await mkdtemp(path.join(tmpdir(), 'konsulto-e2e-uploads-'));
  const attachments = createDiskAttachmentStore(uploads);
  const exportsDir = await mkdtemp(path.join(tmpdir(), 'konsulto-e2e-exports-'));
  const exportStore = createDiskExportStore(exportsDir);
  // The summary job as `npm start` runs it (a background task over the same handler), reading pages of 40 items with
  // a pause between them so that a browser test sees it running before it is done.
  const source = createDynamoSummarySource(documents, tableName, { pageSize: 40 });
  const slowSource: SummarySource = {
    ...source,
    consultationItems: (...args) => paced(source.consultationItems(...args)),
    commitmentItems: (...args) => paced(source.commitmentItems(...args)),
  };
  const summaryJob = createSummaryJobHandler({
    jobs: createDynamoSummaryJobRepository(documents, tableName),
    source: slowSource,
    content: summaryContent,
    exports: exportStore,
    clock: () => new Date(),
    progressEveryMs: 0,
    segments: 1,
  });
  // The local sign-in with a throw-away key, as `npm start --in-memory` (local/start.ts).
  const staffAuth = await createLocalAuth({});
  const handlers: Record<RouteFunction, HttpHandler> = {
    health: createHealthHandler({ probe: createDynamoHealthProbe(documents, tableName) }),
    'public-read': createPublicReadHandler({
      catalog,
      tallies: createDynamoTallyReader(documents, tableName),
      comments: createDynamoCommentReader(documents, tableName),
      clock: () => new Date(),
      responseReports: createDynamoResponseReportReader(documents, tableName),
    }),
    participation: createParticipationHandler(
      pipeline,
      createParticipationActions({ catalog, client: documents, tableName, secureCookies: false }),
    ),
    proposals: createProposalsHandler(pipeline, {
      catalog,
      proposals: createDynamoProposalRepository(documents, tableName),
      reader: createDynamoProposalReader(documents, tableName),
      attachments,
      receiptSecret: async () => COOKIE_SECRET,
      uploadLimiter: rateLimiter,
    }),
    // The staff API (issue 6), with GET /api/auth/config answering the local sign-in (as KONSULTO_LOCAL_AUTH=on).
    staff: createStaffFunction({
      catalog,
      client: documents,
      tableName,
      clock: () => new Date(),
      cookieSecret: async () => COOKIE_SECRET,
      auth: { kind: 'local' },
      attachments,
      summaries: { exports: exportStore, launch: createInProcessJobLauncher(async () => summaryJob) },
    }),
  };

  const server = createLocalServer({ handlers, siteDir: SITE_DIR, staffAuth });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    catalog: data,
    table,
    staffAuth,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await table.drop();
      await rm(uploads, { recursive: true, force: true });
      await rm(exportsDir, { recursive: true, force: true });
    },
  };
}

/** Items as they come, with a pause of 500 ms after every 40 (the e2e runtime's summary job). */
async function* paced(items: AsyncIterable<Record<string, unknown>>): AsyncGenerator<Record<string, unknown>> {
  let n = 0;
  for await (const item of items) {
    yield item;
    if (++n % 40 === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
