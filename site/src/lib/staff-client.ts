import type { Problem } from '#shared/schemas/api.ts';
import type { ContributionRef, Response as ReasonedResponse } from '#shared/schemas/response.ts';
import type {
  AttachmentDownload,
  AuditPage,
  AuthConfig,
  BulkModerationInput,
  ContributionView,
  MeetingInput,
  MeetingList,
  MeetingRecord,
  ModerationInput,
  ModerationItem,
  ModerationResult,
  ModerationState,
  Progress,
  ProposalModerationInput,
  ProposalModerationResult,
  PublishResult,
  ResponseList,
  StaffProposal,
  StaffProposalPage,
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
const EXPIRES_KEY = 'konsulto.staff.expiresAt';
/** Where and as whom to refresh (Cognito's token endpoint and the app client id), kept at sign-in. */
const REFRESH_WITH_KEY = 'konsulto.staff.refreshWith';
const PKCE_KEY = 'konsulto.staff.pkce';
/** The access token is refreshed when it has less than this left (Cognito's last one hour). */
const REFRESH_MARGIN_MS = 2 * 60_000;

export type { StaffGroup };
export type StaffMe = { sub: string; username: string; groups: StaffGroup[] };
export type QueuePage = { state: ModerationState; items: ModerationItem[]; nextCursor?: string };
export type BulkResult = { results: { commentId: string; outcome: string }[] };
export type ProposalVisibility = StaffProposal['visibility'];
export type { AuditPage, PublishResult };
export type ProposalPage = StaffProposalPage;
export type ResponsePage = ResponseList;
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
  for (const key of [TOKEN_KEY, REFRESH_KEY, EXPIRES_KEY, REFRESH_WITH_KEY, PKCE_KEY]) sessionStorage.removeItem(key);
}

type Tokens = { access_token: string; refresh_token?: string; expires_in?: number };

function keepTokens(tokens: Tokens): void {
  sessionStorage.setItem(TOKEN_KEY, tokens.access_token);
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  if (tokens.expires_in) sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + tokens.expires_in * 1000));
}

let refreshing: Promise<boolean> | undefined;

/**
 * Cognito's `refresh_token` grant: a new access token before the current one expires (or, with `force`, after the
 * API refused it). Only after a Cognito sign-in (the local sign-in has no refresh token). Concurrent callers share
 * one request. Resolves to whether a new token is stored.
 */
export function refreshIfDue(force = false): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  const target = sessionStorage.getItem(REFRESH_WITH_KEY);
  if (!refreshToken || !target) return Promise.resolve(false);
  const expiresAt = Number(sessionStorage.getItem(EXPIRES_KEY) ?? 0);
  if (!force && expiresAt - Date.now() > REFRESH_MARGIN_MS) return Promise.resolve(false);
  refreshing ??= (async () => {
    const { tokenUrl, clientId } = JSON.parse(target) as { tokenUrl: string; clientId: string };
    try {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
      });
      if (!response.ok) return false;
      keepTokens((await response.json()) as Tokens);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function send(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown): Promise<globalThis.Response> {
  try {
    return await fetch(path, {
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
}

async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  await refreshIfDue();
  let response = await send(method, path, body);
  // Refused though not yet due (a clock off, a revoked token): one refresh and one retry.
  if (response.status === 401 && (await refreshIfDue(true))) response = await send(method, path, body);
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
  responses: (consultationId: string, cursor?: string) =>
    call<ResponsePage>(
      'GET',
      `/api/admin/consultations/${enc(consultationId)}/responses${query({ limit: '100', cursor })}`,
    ),
  proposals: (consultationId: string, visibility: ProposalVisibility, cursor?: string) =>
    call<ProposalPage>(
      'GET',
      `/api/admin/consultations/${enc(consultationId)}/proposals${query({ visibility, limit: '50', cursor })}`,
    ),
  moderateProposal: (proposalId: string, input: ProposalModerationInput) =>
    call<ProposalModerationResult>('POST', `/api/admin/proposals/${enc(proposalId)}/moderation`, input),
  attachmentLink: (proposalId: string, attachmentId: string) =>
    call<AttachmentDownload>('GET', `/api/admin/proposals/${enc(proposalId)}/attachments/${enc(attachmentId)}`),
  publishReport: (consultationId: string) =>
    call<PublishResult>('POST', `/api/admin/consultations/${enc(consultationId)}/response-report`, {}),
  meetings: (consultationId: string) =>
    call<MeetingList>('GET', `/api/admin/consultations/${enc(consultationId)}/meetings`),
  saveMeeting: (meetingId: string, input: MeetingInput) =>
    call<MeetingRecord>('PUT', `/api/admin/meetings/${enc(meetingId)}`, input),
  audit: (consultationId: string, cursor?: string) =>
    call<AuditPage>('GET', `/api/admin/consultations/${enc(consultationId)}/audit${query({ limit: '50', cursor })}`),
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
  keepTokens((await response.json()) as Tokens);
  sessionStorage.setItem(REFRESH_WITH_KEY, JSON.stringify({ tokenUrl: config.tokenUrl, clientId: config.clientId }));
  return returnPath.startsWith('/') && !returnPath.startsWith('//') ? returnPath : config.redirectPath;
}

export function cognitoLogoutUrl(config: Cognito): string {
  const params = new URLSearchParams({
    client_id: config.clientId,
    logout_uri: `${location.origin}${config.redirectPath}`,
  });
  return `${config.logoutUrl}?${params}`;
}
