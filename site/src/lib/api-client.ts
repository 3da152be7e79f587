import type {
  CommentPage,
  CommitmentTally,
  ConsultationDetail,
  Me,
  Problem,
  PublicComment,
  ReactionResult,
  VoteResult,
} from '#shared/schemas/api.ts';
import type { ParticipantProfile } from '#shared/schemas/participant.ts';
import type { Reaction, ReportReason, VoteChoice } from '#shared/vocabulary.ts';

export type { Reaction, ReportReason };

import type {
  ProposalCreated,
  ProposalInput,
  ProposalPage,
  ProposalReceipt,
  UploadForm,
} from '#shared/schemas/proposal.ts';
import type { ResponseReport } from '#shared/schemas/staff.ts';

/**
 * The one client the site uses to reach the API (same origin, `/api/...`). Type-only imports keep zod out of the
 * browser bundle; the server validates what it receives against the same schemas.
 *
 * Failures come in two kinds, so the page can say the right thing:
 * - `ApiError`: the API answered with an error (RFC 9457 problem+json: a message in both languages, invalid fields);
 * - `NetworkError`: no answer at all (offline, timeout); the same request may simply be retried.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem?: Problem) {
    super(problem?.detail ?? `API request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The service could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

export type ThreadSort = 'newest' | 'agreed';

export type ThreadOptions = { section?: string | undefined; sort?: ThreadSort; cursor?: string; limit?: number };
export type NewComment = { body: string; sectionId?: string | undefined; parentId?: string | undefined };
/** 201: the published comment; 202: accepted and waiting for a moderator. */
export type CommentPosted = { status: 'published'; comment: PublicComment } | { status: 'pending'; id: string };

type Options = { signal?: AbortSignal };

export interface ApiClient {
  /** A consultation (with its phase now) and every commitment with its live tally, in one request. */
  consultation(id: string, options?: Options): Promise<ConsultationDetail>;
  /** One commitment's live tally. */
  tally(commitmentId: string, options?: Options): Promise<CommitmentTally>;
  /** One page of top-level comments, newest or most agreed first, optionally of one section. */
  comments(commitmentId: string, thread?: ThreadOptions, options?: Options): Promise<CommentPage>;
  /** One page of a comment's replies, oldest first. */
  replies(commentId: string, page?: { cursor?: string; limit?: number }, options?: Options): Promise<CommentPage>;
  /** A comment or a reply. `idempotencyKey` makes a retry of the same submission count once. */
  postComment(commitmentId: string, comment: NewComment, idempotencyKey: string): Promise<CommentPosted>;
  vote(commitmentId: string, choice: VoteChoice): Promise<VoteResult>;
  withdrawVote(commitmentId: string): Promise<VoteResult>;
  react(commentId: string, reaction: Reaction): Promise<ReactionResult>;
  report(commentId: string, report: { reason: ReportReason; note?: string | undefined }): Promise<void>;
  /** The participant's own profile, votes and reactions (empty before their first contribution). */
  me(options?: Options): Promise<Me>;
  saveProfile(profile: ParticipantProfile): Promise<ParticipantProfile>;
  /** Erases the participant (profile, links to their contributions) and clears the cookie. */
  eraseMe(): Promise<void>;
  /** Where to send one PDF (a presigned S3 form in AWS, the local upload route on this machine). */
  uploadForm(file: { fileName: string; bytes: number }): Promise<UploadForm>;
  /** Sends the file as the form says, reporting progress (0 to 1); resolves once stored. */
  upload(form: UploadForm, file: Blob, onProgress?: (share: number) => void): Promise<void>;
  submitProposal(proposal: ProposalSubmission, idempotencyKey: string): Promise<ProposalCreated>;
  /** The private receipt of a proposal, by the token of its receipt link. */
  receipt(token: string, options?: Options): Promise<ProposalReceipt>;
  /** One page of a consultation's approved proposals, newest first. */
  proposals(consultationId: string, cursor?: string, options?: Options): Promise<ProposalPage>;
  /** One page of a consultation's published response report (404 until the drafters publish it). */
  responseReport(consultationId: string, cursor?: string, options?: Options): Promise<ResponseReport>;
}

/** What the form sends: the input schema before its defaults are applied. */
export type ProposalSubmission = Omit<ProposalInput, 'supportingActors' | 'attachmentIds' | 'attachmentsPublic'> &
  Partial<Pick<ProposalInput, 'supportingActors' | 'attachmentIds' | 'attachmentsPublic'>>;

export type ApiClientOptions = {
  /** Prefix for API paths; empty for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

const enc = encodeURIComponent;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient({
  baseUrl = '',
  fetch: fetchFn,
  timeoutMs = 15_000,
}: ApiClientOptions = {}): ApiClient {
  const doFetch = fetchFn ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    { body, headers = {}, signal }: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<{ status: number; data: T }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'same-origin',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      // A caller's own abort is not a network failure; a timeout or an unreachable service is.
      if (signal?.aborted) throw error;
      throw new NetworkError(error);
    }
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = data && typeof data === 'object' && 'messages' in data ? (data as Problem) : undefined;
      throw new ApiError(response.status, problem);
    }
    return { status: response.status, data: data as T };
  }

  const get = async <T>(path: string, options?: Options) =>
    (await request<T>('GET', path, options?.signal ? { signal: options.signal } : {})).data;

  return {
    consultation: (id, options) => get<ConsultationDetail>(`/api/consultations/${enc(id)}`, options),
    tally: (commitmentId, options) => get<CommitmentTally>(`/api/commitments/${enc(commitmentId)}/tally`, options),
    comments: (commitmentId, thread = {}, options) =>
      get<CommentPage>(
        `/api/commitments/${enc(commitmentId)}/comments${query({
          section: thread.section,
          sort: thread.sort,
          cursor: thread.cursor,
          limit: thread.limit,
        })}`,
        options,
      ),
    replies: (commentId, page = {}, options) =>
      get<CommentPage>(
        `/api/comments/${enc(commentId)}/replies${query({ cursor: page.cursor, limit: page.limit })}`,
        options,
      ),
    postComment: async (commitmentId, comment, idempotencyKey) => {
      const body = {
        body: comment.body,
        ...(comment.sectionId ? { sectionId: comment.sectionId } : {}),
        ...(comment.parentId ? { parentId: comment.parentId } : {}),
      };
      const { status, data } = await request<PublicComment | { id: string; status: 'pending' }>(
        'POST',
        `/api/commitments/${enc(commitmentId)}/comments`,
        { body, headers: { 'idempotency-key': idempotencyKey } },
      );
      return status === 202
        ? { status: 'pending', id: data.id }
        : { status: 'published', comment: data as PublicComment };
    },
    vote: (commitmentId, choice) =>
      firstWrite(() => request<VoteResult>('PUT', `/api/commitments/${enc(commitmentId)}/vote`, withKey({ choice }))),
    withdrawVote: (commitmentId) =>
      firstWrite(() => request<VoteResult>('DELETE', `/api/commitments/${enc(commitmentId)}/vote`, withKey())),
    react: (commentId, reaction) =>
      firstWrite(() =>
        request<ReactionResult>('PUT', `/api/comments/${enc(commentId)}/reaction`, withKey({ reaction })),
      ),
    report: async (commentId, { reason, note }) => {
      await request('POST', `/api/comments/${enc(commentId)}/reports`, {
        body: { reason, ...(note ? { note } : {}) },
      });
    },
    me: (options) => get<Me>('/api/me', options),
    saveProfile: async (profile) =>
      (await request<ParticipantProfile>('PUT', '/api/me/profile', { body: profile })).data,
    eraseMe: async () => {
      await request('DELETE', '/api/me');
    },
    uploadForm: async ({ fileName, bytes }) =>
      (
        await request<UploadForm>('POST', '/api/proposals/attachments', {
          body: { fileName, contentType: 'application/pdf', bytes },
        })
      ).data,
    upload: (form, file, onProgress) =>
      sendFile(`${form.upload.url.startsWith('/') ? baseUrl : ''}`, form, file, onProgress),
    submitProposal: async (proposal, idempotencyKey) =>
      (
        await request<ProposalCreated>('POST', '/api/proposals', {
          body: proposal,
          headers: { 'idempotency-key': idempotencyKey },
        })
      ).data,
    receipt: (token, options) => get<ProposalReceipt>(`/api/proposals/receipt/${enc(token)}`, options),
    proposals: (consultationId, cursor, options) =>
      get<ProposalPage>(`/api/consultations/${enc(consultationId)}/proposals${query({ cursor })}`, options),
    responseReport: (consultationId, cursor, options) =>
      get<ResponseReport>(`/api/consultations/${enc(consultationId)}/response-report${query({ cursor })}`, options),
  };
}

/**
 * One file to the upload form's target with XMLHttpRequest (fetch cannot report upload progress): a multipart POST
 * with the form's fields first (S3), or a PUT of the raw file (the local runtime).
 */
function sendFile(prefix: string, form: UploadForm, file: Blob, onProgress?: (share: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(form.upload.method, `${prefix}${form.upload.url}`);
    xhr.withCredentials = form.upload.url.startsWith('/');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
        return;
      }
      let problem: Problem | undefined;
      try {
        const data: unknown = JSON.parse(xhr.responseText);
        if (data && typeof data === 'object' && 'messages' in data) problem = data as Problem;
      } catch {
        problem = undefined;
      }
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.ontimeout = xhr.onerror;
    if (form.upload.method === 'POST') {
      const body = new FormData();
      for (const [name, value] of Object.entries(form.upload.fields)) body.append(name, value);
      body.append('file', file);
      xhr.send(body);
    } else {
      xhr.setRequestHeader('content-type', 'application/pdf');
      xhr.send(file);
    }
  });
}

/**
 * The key sent with votes and reactions until one of them succeeds. A visitor without a participant cookie whose
 * first vote was stored but whose answer (and cookie) was lost retries with the same key, which the API maps to the
 * same participant (functions/commons/participant-cookie.ts): the retry changes that vote instead of adding one.
 * After a success the browser holds the cookie, so the key is renewed.
 */
let pendingWriteKey = newIdempotencyKey();

function withKey(body?: unknown): { body?: unknown; headers: Record<string, string> } {
  return { ...(body === undefined ? {} : { body }), headers: { 'idempotency-key': pendingWriteKey } };
}

async function firstWrite<T>(send: () => Promise<{ data: T }>): Promise<T> {
  const { data } = await send();
  pendingWriteKey = newIdempotencyKey();
  return data;
}

/** A fresh key for one submission (kept across its retries): 1-64 of `[A-Za-z0-9_-]`. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
