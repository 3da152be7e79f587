/**
 * The local staff sign-in (local runtime only; nothing here is deployed: the CDK app builds routes from ROUTES,
 * which has no /local-auth route, and the Lambda bundles never import local/). It plays the part Cognito and API
 * Gateway's JWT authorizer play in AWS:
 * - issues access tokens shaped like Cognito's (token_use, client_id, cognito:groups, username, sub, scope) for three
 *   demo staff users, signed with a local ES256 key kept under .data/;
 * - verifies a Bearer token on staff routes as the authorizer does (signature, issuer, audience or client_id,
 *   expiry) and hands the handler the claims in API Gateway's shape (asGatewayClaims).
 * The handlers then apply the same checks as in AWS (access token, group).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { asGatewayClaims, type StaffGroup } from '#shared/staff.ts';

export const LOCAL_ISSUER = 'urn:konsulto:local-auth';
/** The local console's client id: the audience every local access token is for. */
export const LOCAL_CLIENT_ID = 'konsulto-local-console';
const ALGORITHM = 'ES256';
const TOKEN_SECONDS = 3600;

export const DEMO_STAFF = {
  moderator: { sub: '6f1c2d4e-0000-4000-8000-00000000a001', username: 'demo-moderator', groups: ['moderator'] },
  drafter: { sub: '6f1c2d4e-0000-4000-8000-00000000a002', username: 'demo-drafter', groups: ['drafter'] },
  admin: { sub: '6f1c2d4e-0000-4000-8000-00000000a003', username: 'demo-admin', groups: ['admin'] },
} as const satisfies Record<string, { sub: string; username: string; groups: readonly StaffGroup[] }>;
export type DemoUser = keyof typeof DEMO_STAFF;

export const isDemoUser = (value: unknown): value is DemoUser =>
  typeof value === 'string' && Object.hasOwn(DEMO_STAFF, value);

export type IssueOptions = {
  /** Seconds from now until expiry; negative gives an expired token (tests). */
  expiresInSeconds?: number;
  /** `id` gives an ID token (aud = client id, no client_id, no scope), which staff routes must refuse. */
  tokenUse?: 'access' | 'id';
  /** Another client id (tests of the audience check). */
  clientId?: string;
};

export type LocalAuth = {
  issue(user: DemoUser, options?: IssueOptions): Promise<string>;
  /** The claims of a valid token, as API Gateway hands them to a Lambda; throws for anything else. */
  verify(authorization: string | undefined): Promise<Record<string, string>>;
};

type KeyFile = { privateJwk: JWK; publicJwk: JWK };

/** The signing key: read from `keyFile`, else generated (and written there when a file is given). */
async function loadKeys(keyFile: string | undefined): Promise<KeyFile> {
  if (keyFile) {
    const stored = await readFile(keyFile, 'utf8').then(
      (text) => JSON.parse(text) as KeyFile,
      () => undefined,
    );
    if (stored?.privateJwk && stored.publicJwk) return stored;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (keyFile) {
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  }
  return keys;
}

export async function createLocalAuth({ keyFile }: { keyFile?: string } = {}): Promise<LocalAuth> {
  const { privateJwk, publicJwk } = await loadKeys(keyFile);
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  const kid = 'local-1';

  return {
    async issue(user, { expiresInSeconds = TOKEN_SECONDS, tokenUse = 'access', clientId = LOCAL_CLIENT_ID } = {}) {
      const staff = DEMO_STAFF[user];
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        sub: staff.sub,
        'cognito:groups': [...staff.groups],
        token_use: tokenUse,
        auth_time: now,
        jti: randomUUID(),
        ...(tokenUse === 'access'
          ? { client_id: clientId, username: staff.username, scope: 'openid email profile' }
          : { aud: clientId, 'cognito:username': staff.username }),
      };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: ALGORITHM, kid })
        .setIssuer(LOCAL_ISSUER)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(privateKey);
    },

    async verify(authorization) {
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization?.trim() ?? '');
      if (!match) throw new Error('no bearer token');
      const { payload } = await jwtVerify(match[1] as string, publicKey, {
        issuer: LOCAL_ISSUER,
        algorithms: [ALGORITHM],
        requiredClaims: ['exp', 'iat'],
      });
      // API Gateway's JWT authorizer: `aud`, or Cognito access tokens' `client_id`, must name a configured client.
      const audiences = [payload.aud ?? []].flat();
      if (!audiences.includes(LOCAL_CLIENT_ID) && payload.client_id !== LOCAL_CLIENT_ID) {
        throw new Error('the token is for another audience');
      }
      return asGatewayClaims(payload);
    },
  };
}

/** The local sign-in page: one button per demo user; the token goes to sessionStorage, then back to the console. */
export function signInPage(): string {
  const users = Object.entries(DEMO_STAFF)
    .map(
      ([user, staff]) => `      <li>
        <button type="submit" name="user" value="${user}">
          <span lang="sq">Hyr si ${SQ_ROLE[user as DemoUser]}</span> / <span lang="en">Sign in as ${user}</span>
          <small>(${staff.username})</small>
        </button>
      </li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sq">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Hyrja e stafit (lokale) / Staff sign-in (local)</title>
  <style>
    body { font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
    ul { list-style: none; padding: 0; }
    li { margin: 0 0 .75rem; }
    button { font: inherit; width: 100%; min-height: 44px; padding: .6rem 1rem; text-align: left; cursor: pointer;
      border: 2px solid #0b4f8a; border-radius: 6px; background: #fff; color: #0b4f8a; }
    button:hover { background: #eef5fb; }
    button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
    small { color: #444; }
    .note { background: #fff7e0; border-left: 4px solid #8a6100; padding: .5rem 1rem; }
    [role="status"] { margin-top: 1rem; font-weight: 600; }
  </style>
</head>
<body>
  <main>
    <h1><span lang="sq">Hyrja e stafit</span> / <span lang="en">Staff sign-in</span></h1>
    <p class="note">
      <span lang="sq">Vetëm në kompjuterin tuaj (<code>npm start</code>): përdorues demonstrues, pa fjalëkalim. Në AWS hyrja bëhet me Amazon Cognito dhe MFA.</span><br>
      <span lang="en">Local runtime only (<code>npm start</code>): demo users, no password. In AWS, staff sign in with Amazon Cognito and MFA.</span>
    </p>
    <form id="sign-in" method="post" action="/local-auth/token">
      <fieldset>
        <legend><span lang="sq">Zgjidhni rolin</span> / <span lang="en">Choose a role</span></legend>
        <ul>
${users}
        </ul>
      </fieldset>
    </form>
    <p role="status" aria-live="polite" id="status"></p>
    <noscript><p><span lang="sq">Konsola ka nevojë për JavaScript.</span> / <span lang="en">The console needs JavaScript.</span></p></noscript>
  </main>
  <script type="module">
    const form = document.getElementById('sign-in');
    const status = document.getElementById('status');
    const back = new URLSearchParams(location.search).get('return');
    const target = back && back.startsWith('/') && !back.startsWith('//') ? back : '/console/';
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const user = event.submitter?.value;
      status.textContent = 'Duke hyrë… / Signing in…';
      const response = await fetch('/local-auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      });
      if (!response.ok) {
        status.textContent = 'Hyrja dështoi. / Sign-in failed.';
        return;
      }
      const token = await response.json();
      sessionStorage.setItem('${TOKEN_STORAGE_KEY}', token.access_token);
      status.textContent = 'U hytë. / Signed in.';
      location.assign(target);
    });
  </script>
</body>
</html>
`;
}

const SQ_ROLE: Record<DemoUser, string> = { moderator: 'moderator', drafter: 'hartues', admin: 'administrator' };

/** Where the local sign-in page leaves the access token for the console pages (sessionStorage). */
export const TOKEN_STORAGE_KEY = 'konsulto.staff.accessToken';
