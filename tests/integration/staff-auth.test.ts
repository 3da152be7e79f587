import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#functions/routes.ts';
import { createStaffFunction } from '#functions/staff/actions.ts';
import { createDiskAttachmentStore } from '#functions/storage/disk-attachment-store.ts';
import { Catalog } from '#shared/catalog.ts';
import { createLocalAuth, type LocalAuth } from '../../local/auth.ts';
import { createLocalServer } from '../../local/http-adapter.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { TEST_SECRET } from '../support/participation.ts';

/**
 * Staff authorization end to end through the local adapter (which plays API Gateway's JWT authorizer) and the staff
 * function (which requires an access token and the route's group): R7 in ../shared/TARGETS.md.
 */
let table: TestTable;
let auth: LocalAuth;
let server: ReturnType<typeof createLocalServer>;
let base: string;

beforeAll(async () => {
  table = await createTestTable();
  auth = await createLocalAuth();
  const staff = createStaffFunction({
    catalog: new Catalog(catalogFixture),
    client: table.documents,
    tableName: table.tableName,
    clock: () => NOW,
    cookieSecret: async () => TEST_SECRET,
    auth: { kind: 'local' },
    attachments: createDiskAttachmentStore(await mkdtemp(path.join(tmpdir(), 'konsulto-uploads-'))),
  });
  server = createLocalServer({ handlers: { staff }, siteDir: '/nonexistent', staffAuth: auth });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await table.drop();
});

const STAFF_ROUTES = ROUTES.filter((r) => r.path.startsWith('/api/admin/'));
const SAMPLE_PARAMS: Record<string, string> = {
  consultationId: 'open-one',
  commentId: '01KB0000000000000000000001',
  responseId: '01KB0000000000000000000002',
  meetingId: 'a-meeting',
};
const urlOf = (path: string) => base + path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');

function call(method: string, path: string, token?: string, body?: unknown) {
  return fetch(urlOf(path), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('route inventory', () => {
  it('has staff routes, every one under /api/admin/ with groups, and no route with groups elsewhere', () => {
    expect(STAFF_ROUTES.length).toBeGreaterThanOrEqual(13);
    for (const route of ROUTES) {
      expect(Boolean(route.groups?.length), `${route.method} ${route.path}`).toBe(route.path.startsWith('/api/admin/'));
      expect(route.path.startsWith('/local-auth'), `${route.method} ${route.path}`).toBe(false);
    }
    expect(ROUTES.find((r) => r.path.endsWith('/audit'))?.groups).toEqual(['admin']);
  });

  it('rejects every staff route without a token (401), before the function runs', async () => {
    for (const route of STAFF_ROUTES) {
      const response = await call(route.method, route.path, undefined, route.method === 'GET' ? undefined : {});
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });
});

describe('tokens', () => {
  it('accepts a fresh access token of the local issuer and hands the function API Gateway claims', async () => {
    const response = await call('GET', '/api/admin/me', await auth.issue('moderator'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: '6f1c2d4e-0000-4000-8000-00000000a001',
      username: 'demo-moderator',
      groups: ['moderator'],
    });
  });

  it('rejects expired, forged, other-audience, ID and malformed tokens with 401', async () => {
    const other = await createLocalAuth();
    const [header, payload] = (await auth.issue('admin')).split('.');
    const unsigned = `${header}.${payload}.`;
    const noneAlg = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    const tokens: Record<string, string> = {
      expired: await auth.issue('admin', { expiresInSeconds: -60 }),
      forged: await other.issue('admin'),
      'other audience': await auth.issue('admin', { clientId: 'someone-elses-client' }),
      'ID token': await auth.issue('admin', { tokenUse: 'id' }),
      unsigned,
      'alg none': noneAlg,
      garbage: 'not.a.token',
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await call('GET', '/api/admin/me', token);
      expect(response.status, name).toBe(401);
      expect((await response.json()).code, name).toBe('unauthorized');
    }
    const basic = await fetch(urlOf('/api/admin/me'), { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
  });

  it('answers 403 for a valid token of the wrong group, for each role', async () => {
    const cases: [Parameters<LocalAuth['issue']>[0], string, string][] = [
      ['moderator', 'GET', '/api/admin/consultations/{consultationId}/audit'],
      ['drafter', 'GET', '/api/admin/consultations/{consultationId}/audit'],
      ['moderator', 'PUT', '/api/admin/responses/{responseId}'],
      ['moderator', 'POST', '/api/admin/consultations/{consultationId}/response-report'],
      ['moderator', 'PUT', '/api/admin/meetings/{meetingId}'],
      ['drafter', 'POST', '/api/admin/comments/{commentId}/moderation'],
      ['drafter', 'POST', '/api/admin/moderation/bulk'],
      ['drafter', 'GET', '/api/admin/consultations/{consultationId}/moderation'],
      ['drafter', 'POST', '/api/admin/proposals/{proposalId}/moderation'],
    ];
    for (const [user, method, path] of cases) {
      const response = await call(method, path, await auth.issue(user), method === 'GET' ? undefined : {});
      expect(response.status, `${user} ${method} ${path}`).toBe(403);
      expect((await response.json()).code).toBe('forbidden');
    }
    const admin = await call('GET', '/api/admin/consultations/{consultationId}/audit', await auth.issue('admin'));
    expect(admin.status).toBe(200);
  });
});

describe('local sign-in', () => {
  it('issues a token for a demo user by POST /local-auth/token, and refuses anyone else', async () => {
    const response = await fetch(`${base}/local-auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'drafter' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const me = await call('GET', '/api/admin/me', token.access_token);
    expect(((await me.json()) as { groups: string[] }).groups).toEqual(['drafter']);

    for (const body of [{ user: 'root' }, { user: '__proto__' }, {}, 'not json']) {
      const refused = await fetch(`${base}/local-auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(refused.status).toBe(400);
    }
  });

  it('serves a bilingual sign-in page with one button per demo user', async () => {
    const response = await fetch(`${base}/local-auth/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="sq">');
    for (const user of ['moderator', 'drafter', 'admin']) expect(html).toContain(`value="${user}"`);
    expect(html).toContain('lang="en"');
  });

  it('tells the console to use the local sign-in', async () => {
    const response = await fetch(`${base}/api/auth/config`);
    expect(await response.json()).toEqual({
      mode: 'local',
      signInUrl: '/local-auth/',
      tokenUrl: '/local-auth/token',
      redirectPath: '/console/',
    });
  });
});
