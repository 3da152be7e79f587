import type { Problem } from '#shared/schemas/api.ts';
import type { ContributionRef, Response as ReasonedResponse } from '#shared/schemas/response.ts';
import type {
  AuthConfig,
  BulkModerationInput,
  ContributionView,
  ModerationInput,
  ModerationItem,
  ModerationResult,
  ModerationState,
  Progress,
  StaffResponse,
} from '#shared/schemas/staff.ts';
import type { ExportLink, SummaryJob, SummaryJobInput, SummaryJobList } from '#shared/schemas/summary-job.ts';
import type { StaffGroup } from '#shared/staff.ts';
import { ApiError, NetworkError } from './api-client.ts';

/**
 * The console's one client of the staff API (`/api/admin/*`, same origin, `Authorization: Bearer`). Type-only
 * imports of the shared schemas: no zod in the browser. Errors are the public client's `ApiError` / `NetworkError`.
 */
export const TOKEN_KEY = 'konsulto.staff.accessToken';
const REFRESH_KEY = 'konsulto.staff.refreshToken';
const PKCE_KEY = 'konsulto.staff.pkce';

export type { StaffGroup };
export type StaffMe = { sub: string; username: string; groups: StaffGroup[] };
export type QueuePage = { state: ModerationState; items: ModerationItem[]; nextCursor?: string };
export type BulkResult = { results: { commentId: string; outcome: string }[] };
export type ResponseSave = Omit<ReasonedResponse, 'id' | 'version' | 'updatedAt'> & { expectedVersion?: number };

const enc = encodeURIComponent;

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
  sessionStorage.removeItem(PKCE_KEY);
}

async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let response: globalThis.Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${storedToken() ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = data && typeof data === 'object' && 'messages' in data ? (data as Problem) : undefined;
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

export const staff = {
  authConfig: () => call<AuthConfig>('GET', '/api/auth/config'),
  me: () => call<StaffMe>('GET', '/api/admin/me'),
  queue: (consultationId: string, state: ModerationState, filters: { commitmentId?: string; reason?: string } = {}) =>
    call<QueuePage>(
      'GET',
      `/api/admin/consultations/${enc(consultationId)}/moderation${query({ state, limit: '50', ...filters })}`,
    ),
  moderate: (commentId: string, input: ModerationInput) =>
    call<ModerationResult>('POST', `/api/admin/comments/${enc(commentId)}/moderation`, input),
  bulk: (input: BulkModerationInput) => call<BulkResult>('POST', '/api/admin/moderation/bulk', input),
  unanswered: (consultationId: string, kind: ContributionRef['kind'], commitmentId?: string) =>
    call<{ items: ContributionView[]; nextCursor?: string }>(
      'GET',
      `/api/admin/consultations/${enc(consultationId)}/unanswered${query({ kind, commitmentId })}`,
    ),
  progress: (consultationId: string) =>
    call<Progress>('GET', `/api/admin/consultations/${enc(consultationId)}/progress`),
  saveResponse: (responseId: string, input: ResponseSave) =>
    call<StaffResponse>('PUT', `/api/admin/responses/${enc(responseId)}`, input),
  response: (responseId: string) => call<StaffResponse>('GET', `/api/admin/responses/${enc(responseId)}`),
  startSummaryJob: (consultationId: string, input: SummaryJobInput) =>
    call<SummaryJob>('POST', `/api/admin/consultations/${enc(consultationId)}/summary-jobs`, input),
  summaryJobs: (consultationId: string) =>
    call<SummaryJobList>('GET', `/api/admin/consultations/${enc(consultationId)}/summary-jobs`),
  summaryJob: (jobId: string) => call<SummaryJob>('GET', `/api/admin/summary-jobs/${enc(jobId)}`),
  summaryFileLink: (jobId: string, fileName: string) =>
    call<ExportLink>('GET', `/api/admin/summary-jobs/${enc(jobId)}/files/${enc(fileName)}`),
};

/* ---- Cognito hosted login: authorization code with PKCE (S256) ---- */

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

type Cognito = Extract<AuthConfig, { mode: 'cognito' }>;

/** Sends the browser to Cognito's hosted login; the verifier and state wait in sessionStorage. */
export async function startCognitoSignIn(config: Cognito, returnPath: string): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnPath }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: `${location.origin}${config.redirectPath}`,
    scope: config.scopes.join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  });
  location.assign(`${config.authorizeUrl}?${params}`);
}

/**
 * Back from Cognito with `?code=&state=`: exchanges the code for tokens (checking the state) and returns the console
 * page to go back to, or undefined when this is not such a return.
 */
export async function finishCognitoSignIn(config: Cognito): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const saved = sessionStorage.getItem(PKCE_KEY);
  if (!code || !saved) return undefined;
  sessionStorage.removeItem(PKCE_KEY);
  const { verifier, state, returnPath } = JSON.parse(saved) as { verifier: string; state: string; returnPath: string };
  if (params.get('state') !== state) throw new ApiError(401);
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: `${location.origin}${config.redirectPath}`,
      code_verifier: verifier,
    }),
  }).catch((error: unknown) => {
    throw new NetworkError(error);
  });
  if (!response.ok) throw new ApiError(401);
  const tokens = (await response.json()) as { access_token: string; refresh_token?: string };
  sessionStorage.setItem(TOKEN_KEY, tokens.access_token);
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  return returnPath.startsWith('/') && !returnPath.startsWith('//') ? returnPath : config.redirectPath;
}

export function cognitoLogoutUrl(config: Cognito): string {
  const params = new URLSearchParams({
    client_id: config.clientId,
    logout_uri: `${location.origin}${config.redirectPath}`,
  });
  return `${config.logoutUrl}?${params}`;
}
