import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler } from '#functions/commons/http.ts';
import catalogData from '#functions/generated/catalog.json' with { type: 'json' };
import type { CatalogData } from '#shared/catalog.ts';
import type { ExportLink, SummaryJob } from '#shared/schemas/summary-job.ts';
import { createLocalAuth, type LocalAuth } from '../../local/auth.ts';
import { LOCAL_AWS_ENV } from '../../local/dynamodb-local.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { seedDemoData } from '../../local/seed.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';

/**
 * The summary job as `npm start` runs it: the staff function's production module (configured by environment) starts
 * the job module's very handler as a background task of the process, and the local adapter serves the signed download
 * link. Everything over HTTP, as the console calls it.
 */
let table: TestTable;
let exportsDir: string;
let server: ReturnType<typeof createLocalServer>;
let base: string;
let auth: LocalAuth;

beforeAll(async () => {
  table = await createTestTable();
  exportsDir = await mkdtemp(path.join(tmpdir(), 'konsulto-local-exports-'));
  Object.assign(process.env, LOCAL_AWS_ENV, {
    DYNAMODB_ENDPOINT: table.endpoint,
    TABLE_NAME: table.tableName,
    KONSULTO_EXPORTS_DIR: exportsDir,
    KONSULTO_COOKIE_SECRET: 'local-summary-job-test-secret-0123456789abcdef',
    KONSULTO_LOCAL_AUTH: 'on',
  });
  await seedDemoData(table.documents, table.tableName, catalogData as CatalogData);
  const staff = (await import('#functions/staff/handler.ts')) as { handler: HttpHandler };
  auth = await createLocalAuth({});
  server = createLocalServer({ handlers: { staff: staff.handler }, siteDir: exportsDir, staffAuth: auth });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await table?.drop();
  await rm(exportsDir, { recursive: true, force: true });
});

async function api<T>(
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('the summary job in the local runtime', () => {
  it('runs in the background after the 202, then its files download through the signed local link', async () => {
    const token = await auth.issue('drafter');
    const started = await api<SummaryJob>('POST', '/api/admin/consultations/kvsp-2026/summary-jobs', token, {
      kind: 'summary',
    });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('queued');
    const jobId = started.body.jobId;

    let job = started.body;
    await expect
      .poll(
        async () => {
          job = (await api<SummaryJob>('GET', `/api/admin/summary-jobs/${jobId}`, token)).body;
          return job.status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe('done');
    expect(job.itemsRead).toBe(await table.countItems());
    expect((await readdir(path.join(exportsDir, 'exports', jobId))).sort()).toEqual(
      job.files.map((f) => f.name).sort(),
    );

    const link = await api<ExportLink>('GET', `/api/admin/summary-jobs/${jobId}/files/votes.csv`, token);
    expect(link.status).toBe(200);
    const file = await fetch(`${base}${link.body.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="votes.csv"/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
    expect(text.startsWith('\uFEFFcommitment_id,commitment_title,dimension,group,support,oppose,neutral,total,')).toBe(
      true,
    );
    // Without the signature the route refuses; the admin API refuses a moderator.
    expect((await fetch(`${base}${link.body.url.split('?')[0]}`)).status).toBe(404);
    const moderator = await auth.issue('moderator');
    expect((await api('GET', `/api/admin/summary-jobs/${jobId}`, moderator)).status).toBe(403);
  });
});
