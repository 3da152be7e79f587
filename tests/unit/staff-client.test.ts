import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../site/src/lib/api-client.ts';
import {
  finishCognitoSignIn,
  refreshIfDue,
  signOut,
  staff,
  startCognitoSignIn,
  storedToken,
  TOKEN_KEY,
} from '../../site/src/lib/staff-client.ts';

/**
 * The console's Cognito sign-in (authorization code with PKCE, S256) and token refresh, with the browser's
 * sessionStorage, location and fetch faked: what goes to Cognito, what is kept, and what is refused.
 */
const CONFIG = {
  mode: 'cognito' as const,
  clientId: 'client-123',
  authorizeUrl: 'https://konsulto-dev.auth.eu-central-1.amazoncognito.com/oauth2/authorize',
  tokenUrl: 'https://konsulto-dev.auth.eu-central-1.amazoncognito.com/oauth2/token',
  logoutUrl: 'https://konsulto-dev.auth.eu-central-1.amazoncognito.com/logout',
  scopes: ['openid', 'email', 'profile'],
  redirectPath: '/console/',
};
const ORIGIN = 'https://konsulto.example.al';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  get size() {
    return this.items.size;
  }
}

type Call = { url: string; init: RequestInit | undefined };
let storage: MemoryStorage;
let assigned: string[];
let calls: Call[];
let answers: Response[];

function at(search: string) {
  vi.stubGlobal('location', { origin: ORIGIN, search, assign: (url: string) => assigned.push(url) });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const form = (call: Call | undefined) => new URLSearchParams(String(call?.init?.body ?? ''));
const bearer = (call: Call | undefined) => (call?.init?.headers as Record<string, string> | undefined)?.authorization;

beforeEach(() => {
  storage = new MemoryStorage();
  assigned = [];
  calls = [];
  answers = [];
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected fetch ${url}`);
    return answer;
  });
  at('');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Starts a sign-in and returns what went to Cognito's authorize endpoint. */
async function start(returnPath = '/en/console/#responses') {
  await startCognitoSignIn(CONFIG, returnPath);
  expect(assigned).toHaveLength(1);
  const url = new URL(assigned[0] as string);
  expect(`${url.origin}${url.pathname}`).toBe(CONFIG.authorizeUrl);
  return url.searchParams;
}

describe('the Cognito sign-in with PKCE', () => {
  it('sends an S256 challenge of the stored verifier, a random state and this origin as redirect', async () => {
    const params = await start();
    const saved = JSON.parse(storage.getItem('konsulto.staff.pkce') ?? '{}') as { verifier: string; state: string };
    expect(saved.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('code_challenge')).toBe(createHash('sha256').update(saved.verifier).digest('base64url'));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBe(saved.state);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('client-123');
    expect(params.get('redirect_uri')).toBe(`${ORIGIN}/console/`);
    expect(params.get('scope')).toBe('openid email profile');

    // A second sign-in gets a new verifier and state.
    assigned = [];
    const again = await start();
    expect(again.get('state')).not.toBe(params.get('state'));
    expect(again.get('code_challenge')).not.toBe(params.get('code_challenge'));
  });

  it('exchanges the code with the verifier when the state matches, keeps the tokens and returns to the page', async () => {
    const params = await start();
    const { verifier } = JSON.parse(storage.getItem('konsulto.staff.pkce') ?? '{}') as { verifier: string };
    at(`?code=the-code&state=${params.get('state')}`);
    answers.push(json(200, { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 3600 }));

    expect(await finishCognitoSignIn(CONFIG)).toBe('/en/console/#responses');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(CONFIG.tokenUrl);
    expect(Object.fromEntries(form(calls[0]))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'the-code',
      redirect_uri: `${ORIGIN}/console/`,
      code_verifier: verifier,
    });
    expect(storedToken()).toBe('access-1');
    expect(storage.getItem('konsulto.staff.refreshToken')).toBe('refresh-1');
    expect(storage.getItem('konsulto.staff.pkce')).toBeNull();
  });

  it('refuses a return whose state differs, without asking Cognito and keeping no token', async () => {
    await start();
    at('?code=the-code&state=forged-state');
    await expect(finishCognitoSignIn(CONFIG)).rejects.toEqual(new ApiError(401));
    expect(calls).toHaveLength(0);
    expect(storedToken()).toBeNull();
    expect(storage.getItem('konsulto.staff.pkce')).toBeNull();
  });

  it('ignores a return without a sign-in in progress, and never goes back to another site', async () => {
    at('?code=the-code&state=x');
    expect(await finishCognitoSignIn(CONFIG)).toBeUndefined();
    expect(calls).toHaveLength(0);

    const params = await start('//evil.example/console/');
    at(`?code=c&state=${params.get('state')}`);
    answers.push(json(200, { access_token: 'access-1' }));
    expect(await finishCognitoSignIn(CONFIG)).toBe('/console/');
  });

  it('refuses when Cognito refuses the code', async () => {
    const params = await start();
    at(`?code=c&state=${params.get('state')}`);
    answers.push(json(400, { error: 'invalid_grant' }));
    await expect(finishCognitoSignIn(CONFIG)).rejects.toEqual(new ApiError(401));
    expect(storedToken()).toBeNull();
  });
});

describe('refreshing the access token', () => {
  async function signedIn(expiresIn: number) {
    const params = await start();
    at(`?code=c&state=${params.get('state')}`);
    answers.push(json(200, { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: expiresIn }));
    await finishCognitoSignIn(CONFIG);
    calls = [];
  }
  const ME = { sub: 's', username: 'drafter', groups: ['drafter'] };

  it('uses the refresh token before a call when the access token expires within two minutes', async () => {
    await signedIn(60);
    answers.push(json(200, { access_token: 'access-2', expires_in: 3600 }), json(200, ME));
    expect(await staff.me()).toEqual(ME);
    expect(calls.map((c) => c.url)).toEqual([CONFIG.tokenUrl, '/api/admin/me']);
    expect(Object.fromEntries(form(calls[0]))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-123',
      refresh_token: 'refresh-1',
    });
    expect(bearer(calls[1])).toBe('Bearer access-2');
    expect(storage.getItem('konsulto.staff.refreshToken')).toBe('refresh-1');
  });

  it('does not refresh a token with time left, and refreshes once for concurrent calls', async () => {
    await signedIn(3600);
    answers.push(json(200, ME));
    await staff.me();
    expect(calls.map((c) => c.url)).toEqual(['/api/admin/me']);
    expect(bearer(calls[0])).toBe('Bearer access-1');

    calls = [];
    answers.push(json(200, { access_token: 'access-3', expires_in: 3600 }));
    const [a, b] = await Promise.all([refreshIfDue(true), refreshIfDue(true)]);
    expect([a, b]).toEqual([true, true]);
    expect(calls).toHaveLength(1);
    expect(storedToken()).toBe('access-3');
  });

  it('retries a call refused with 401 once after a refresh; a failed refresh leaves the 401', async () => {
    await signedIn(3600);
    answers.push(json(401, {}), json(200, { access_token: 'access-2', expires_in: 3600 }), json(200, ME));
    expect(await staff.me()).toEqual(ME);
    expect(calls.map((c) => c.url)).toEqual(['/api/admin/me', CONFIG.tokenUrl, '/api/admin/me']);
    expect(bearer(calls[2])).toBe('Bearer access-2');

    calls = [];
    answers.push(json(401, {}), json(400, { error: 'invalid_grant' }));
    await expect(staff.me()).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
  });

  it('never refreshes after the local sign-in (no refresh token), and sign-out forgets everything', async () => {
    storage.setItem(TOKEN_KEY, 'local-token');
    expect(await refreshIfDue(true)).toBe(false);
    expect(calls).toHaveLength(0);

    await signedIn(3600);
    signOut();
    expect(storage.size).toBe(0);
  });
});
