import type { ConsultationDetail, Problem } from '#shared/schemas/api.ts';

/**
 * The one client the site uses to reach the public API (same origin, `/api/...`). Type-only imports keep zod out of
 * the browser bundle; the server validates what it sends against the same schemas.
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

export interface ApiClient {
  /** A consultation with every commitment and its live tally, in one request. */
  consultation(id: string, options?: { signal?: AbortSignal }): Promise<ConsultationDetail>;
}

export type ApiClientOptions = {
  /** Prefix for API paths; empty for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export function createApiClient({
  baseUrl = '',
  fetch: fetchFn,
  timeoutMs = 10_000,
}: ApiClientOptions = {}): ApiClient {
  const doFetch = fetchFn ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await doFetch(`${baseUrl}${path}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => undefined);
      throw new ApiError(response.status, problem as Problem | undefined);
    }
    return (await response.json()) as T;
  }

  return {
    consultation: (id, options) =>
      getJson<ConsultationDetail>(`/api/consultations/${encodeURIComponent(id)}`, options?.signal),
  };
}
