import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORRELATION_ID_HEADER, type HttpHandler } from '#functions/commons/http.ts';
import { ORIGIN_SECRET_HEADER } from '#functions/commons/origin-secret.ts';
import catalogData from '#functions/generated/catalog.json' with { type: 'json' };
import { createHealthHandler } from '#functions/health/health.ts';
import { buildOpenApiDocument } from '#functions/openapi.ts';
import { FUNCTION_ENTRIES } from '#functions/routes.ts';
import type { CatalogData } from '#shared/catalog.ts';
import { LOCAL_AWS_ENV } from '../../local/dynamodb-local.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { demoVotes, seedDemoData } from '../../local/seed.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';

/**
 * The local runtime as `npm start` runs it: the HTTP adapter in front of the very Lambda handler modules (their
 * production wiring, configured by environment) on DynamoDB Local, and the static site on the same origin.
 */
let table: TestTable;
let server: ReturnType<typeof createLocalServer>;
let base: string;
const catalog = catalogData as CatalogData;

beforeAll(async () => {
  table = await createTestTable();
  Object.assign(process.env, LOCAL_AWS_ENV, { DYNAMODB_ENDPOINT: table.endpoint, TABLE_NAME: table.tableName });
  await seedDemoData(table.documents, table.tableName, catalog);
  const siteDir = await mkdtemp(path.join(tmpdir(), 'konsulto-site-'));
  await mkdir(path.join(siteDir, 'en'));
  await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>Konsulto</title>');
  await writeFile(path.join(siteDir, 'en/index.html'), '<!doctype html><title>Konsulto EN</title>');
  await writeFile(path.join(siteDir, '404.html'), '<!doctype html><title>404</title>');
  await writeFile(path.join(siteDir, 'openapi.json'), JSON.stringify(buildOpenApiDocument()));
  const handlers = Object.fromEntries(
    await Promise.all(
      Object.entries(FUNCTION_ENTRIES).map(async ([name, entry]) => {
        const module = (await import(path.resolve(entry))) as { handler: HttpHandler };
        return [name, module.handler];
      }),
    ),
  );
  server = createLocalServer({ handlers: handlers as Record<keyof typeof FUNCTION_ENTRIES, HttpHandler>, siteDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await table.drop();
});

describe('local runtime: one origin for site and API', () => {
  it('reports health from the real table', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { table: 'ok' } });
  });

  it("answers with a correlation id: the client's UUID when it sends one, else the request id", async () => {
    const id = '6f1c2b7e-0d3a-4c5b-9e8f-7a6b5c4d3e2f';
    const echoed = await fetch(`${base}/api/health`, { headers: { [CORRELATION_ID_HEADER]: id } });
    expect(echoed.headers.get(CORRELATION_ID_HEADER)).toBe(id);
    const generated = (await fetch(`${base}/api/health`)).headers.get(CORRELATION_ID_HEADER);
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(generated).not.toBe(id);
  });

  it('serves API requests without an origin secret when none is configured (npm start)', async () => {
    expect(process.env.KONSULTO_ORIGIN_SECRET).toBeUndefined();
    const response = await fetch(`${base}/api/consultations`);
    expect(response.status).toBe(200);
  });

  it('lists the published demo consultations, the open one first', async () => {
    const response = await fetch(`${base}/api/consultations`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { consultations: { id: string; commitmentCount: number }[] };
    expect(body.consultations.map((c) => c.id).sort()).toEqual(catalog.consultations.map((c) => c.id).sort());
    expect(body.consultations.reduce((n, c) => n + c.commitmentCount, 0)).toBe(catalog.commitments.length);
  });

  it('serves each consultation with tallies equal to the seeded votes', async () => {
    for (const consultation of catalog.consultations) {
      const response = await fetch(`${base}/api/consultations/${consultation.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('s-maxage=5');
      const body = (await response.json()) as { commitments: { id: string; tally: Record<string, number> }[] };
      for (const commitment of body.commitments) {
        const votes = demoVotes(catalog).filter((v) => v.commitmentId === commitment.id);
        expect(commitment.tally).toEqual({
          support: votes.filter((v) => v.choice === 'support').length,
          oppose: votes.filter((v) => v.choice === 'oppose').length,
          neutral: votes.filter((v) => v.choice === 'neutral').length,
          comments: 0,
        });
      }
    }
  });

  it('answers unknown consultations and unknown API paths with problem+json 404', async () => {
    const unknown = await fetch(`${base}/api/consultations/nope`, { headers: { 'accept-language': 'en' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await unknown.json()).toMatchObject({ code: 'not-found', detail: 'The consultation was not found.' });
    const noRoute = await fetch(`${base}/api/nothing-here`);
    expect(noRoute.status).toBe(404);
    const wrongMethod = await fetch(`${base}/api/consultations`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
  });

  it('redirects GET /api/openapi.json to the OpenAPI document, a static file of the site', async () => {
    const redirect = await fetch(`${base}/api/openapi.json`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/openapi.json');
    const followed = await fetch(`${base}/api/openapi.json`);
    expect(followed.redirected).toBe(true);
    expect(followed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await followed.json()).toEqual(buildOpenApiDocument());
  });

  it('serves the built site, directory indexes included, and nothing outside it', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>Konsulto</title>');
    expect(await (await fetch(`${base}/en/`)).text()).toContain('Konsulto EN');
    const traversal = await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`);
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('root:');
  });
});

describe('local runtime with an origin secret (KONSULTO_ORIGIN_SECRET)', () => {
  it('adds the header as CloudFront does, so requests through it pass while a bare handler call is refused', async () => {
    const secret = 'local-origin-secret-0123456789abcdef';
    vi.stubEnv('KONSULTO_ORIGIN_SECRET', secret);
    const siteDir = await mkdtemp(path.join(tmpdir(), 'konsulto-site-'));
    let guarded: ReturnType<typeof createLocalServer> | undefined;
    try {
      const health = createHealthHandler({ probe: { ping: async () => {} } });
      guarded = createLocalServer({ handlers: { health }, siteDir });
      await new Promise<void>((resolve) => guarded?.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}/api/health`;
      expect((await fetch(url)).status).toBe(200);
      // A client's own header is replaced by the secret, never trusted.
      expect((await fetch(url, { headers: { [ORIGIN_SECRET_HEADER]: 'guess' } })).status).toBe(200);
      const direct = await health({
        version: '2.0',
        routeKey: 'GET /api/health',
        rawPath: '/api/health',
        rawQueryString: '',
        headers: { [ORIGIN_SECRET_HEADER]: 'guess' },
        isBase64Encoded: false,
      } as never);
      expect(direct.statusCode).toBe(403);
      expect(JSON.parse(direct.body ?? '')).toMatchObject({ code: 'forbidden', status: 403 });
    } finally {
      vi.unstubAllEnvs();
      if (guarded) await new Promise((resolve) => guarded?.close(resolve));
    }
  });
});
