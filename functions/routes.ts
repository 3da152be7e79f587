/**
 * Every API route, declared once: the CDK app creates one HTTP API route per entry (one Lambda per function group)
 * and the local HTTP adapter dispatches to the same handler modules. Paths use API Gateway's `{param}` syntax.
 */
export type RouteFunction = 'health' | 'public-read' | 'participation' | 'proposals' | 'staff';

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The Lambda function (one per group of routes) that serves the route. */
  function: RouteFunction;
  /**
   * Staff-only routes (all under /api/admin/) need a staff access token (the HTTP API's JWT authorizer in AWS, the
   * local adapter's check under `npm start`) whose `cognito:groups` holds one of these groups (checked by the function).
   */
  groups?: readonly ('moderator' | 'drafter' | 'admin')[];
  /** Served by the local runtime only (e.g. the stand-in for S3 uploads); the CDK app creates no such route. */
  localOnly?: true;
};

/** Who may use each staff route: admins everything, moderators moderation, drafters responses and meetings. */
const ANY_STAFF = ['moderator', 'drafter', 'admin'] as const;
const MODERATORS = ['moderator', 'admin'] as const;
const DRAFTERS = ['drafter', 'admin'] as const;
/** The audit log (who did what to which contribution) is for admins only. */
const ADMINS = ['admin'] as const;

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', function: 'health' },
  { method: 'GET', path: '/api/openapi.json', function: 'public-read' },
  { method: 'GET', path: '/api/consultations', function: 'public-read' },
  { method: 'GET', path: '/api/consultations/{consultationId}', function: 'public-read' },
  { method: 'GET', path: '/api/commitments/{commitmentId}/tally', function: 'public-read' },
  { method: 'GET', path: '/api/commitments/{commitmentId}/comments', function: 'public-read' },
  { method: 'GET', path: '/api/comments/{commentId}/replies', function: 'public-read' },
  { method: 'POST', path: '/api/commitments/{commitmentId}/comments', function: 'participation' },
  { method: 'DELETE', path: '/api/comments/{commentId}', function: 'participation' },
  { method: 'PUT', path: '/api/commitments/{commitmentId}/vote', function: 'participation' },
  { method: 'DELETE', path: '/api/commitments/{commitmentId}/vote', function: 'participation' },
  { method: 'PUT', path: '/api/comments/{commentId}/reaction', function: 'participation' },
  { method: 'POST', path: '/api/comments/{commentId}/reports', function: 'participation' },
  { method: 'GET', path: '/api/me', function: 'participation' },
  { method: 'PUT', path: '/api/me/profile', function: 'participation' },
  { method: 'DELETE', path: '/api/me', function: 'participation' },
  { method: 'POST', path: '/api/proposals', function: 'proposals' },
  { method: 'GET', path: '/api/proposals/receipt/{token}', function: 'proposals' },
  { method: 'POST', path: '/api/proposals/attachments', function: 'proposals' },
  { method: 'PUT', path: '/api/proposals/attachments/{attachmentId}', function: 'proposals', localOnly: true },
  { method: 'GET', path: '/api/consultations/{consultationId}/proposals', function: 'proposals' },
  { method: 'GET', path: '/api/consultations/{consultationId}/response-report', function: 'public-read' },
  { method: 'GET', path: '/api/auth/config', function: 'staff' },
  { method: 'GET', path: '/api/admin/me', function: 'staff', groups: ANY_STAFF },
  {
    method: 'GET',
    path: '/api/admin/consultations/{consultationId}/moderation',
    function: 'staff',
    groups: MODERATORS,
  },
  { method: 'POST', path: '/api/admin/comments/{commentId}/moderation', function: 'staff', groups: MODERATORS },
  { method: 'POST', path: '/api/admin/moderation/bulk', function: 'staff', groups: MODERATORS },
  // Proposals for staff: every staff member reads the lists and the files (contacts: drafters and admins only, see
  // functions/staff/proposals.ts); moderators and admins approve, hide and restore.
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/proposals', function: 'staff', groups: ANY_STAFF },
  { method: 'POST', path: '/api/admin/proposals/{proposalId}/moderation', function: 'staff', groups: MODERATORS },
  {
    method: 'GET',
    path: '/api/admin/proposals/{proposalId}/attachments/{attachmentId}',
    function: 'staff',
    groups: ANY_STAFF,
  },
  // The local stand-in for a presigned S3 GET: a signed, short-lived link from the route above (no staff token).
  { method: 'GET', path: '/api/local/attachments/{attachmentId}', function: 'staff', localOnly: true },
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/unanswered', function: 'staff', groups: DRAFTERS },
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/responses', function: 'staff', groups: DRAFTERS },
  { method: 'GET', path: '/api/admin/responses/{responseId}', function: 'staff', groups: DRAFTERS },
  { method: 'PUT', path: '/api/admin/responses/{responseId}', function: 'staff', groups: DRAFTERS },
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/progress', function: 'staff', groups: DRAFTERS },
  {
    method: 'POST',
    path: '/api/admin/consultations/{consultationId}/response-report',
    function: 'staff',
    groups: DRAFTERS,
  },
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/meetings', function: 'staff', groups: DRAFTERS },
  { method: 'PUT', path: '/api/admin/meetings/{meetingId}', function: 'staff', groups: DRAFTERS },
  { method: 'GET', path: '/api/admin/consultations/{consultationId}/audit', function: 'staff', groups: ADMINS },
  // Summary jobs (drafters and admins): start one, follow its progress, download its files (docs/summaries.md).
  {
    method: 'POST',
    path: '/api/admin/consultations/{consultationId}/summary-jobs',
    function: 'staff',
    groups: DRAFTERS,
  },
  {
    method: 'GET',
    path: '/api/admin/consultations/{consultationId}/summary-jobs',
    function: 'staff',
    groups: DRAFTERS,
  },
  { method: 'GET', path: '/api/admin/summary-jobs/{jobId}', function: 'staff', groups: DRAFTERS },
  { method: 'GET', path: '/api/admin/summary-jobs/{jobId}/files/{fileName}', function: 'staff', groups: DRAFTERS },
  // The local stand-in for a presigned S3 GET of an export: a signed, short-lived link from the route above.
  { method: 'GET', path: '/api/local/exports/{jobId}/{fileName}', function: 'staff', localOnly: true },
];

/** Handler module of each function, relative to the repository root; each exports `handler`. */
export const FUNCTION_ENTRIES: Record<RouteFunction, string> = {
  health: 'functions/health/handler.ts',
  'public-read': 'functions/consultations/handler.ts',
  participation: 'functions/participation/handler.ts',
  proposals: 'functions/proposals/handler.ts',
  staff: 'functions/staff/handler.ts',
};

/** Functions that serve no route: the summary job, invoked asynchronously by the staff function. */
export type JobFunction = 'summary-job';

/** Handler module of each job function, bundled like the route functions (scripts/bundle-functions.ts). */
export const JOB_ENTRIES: Record<JobFunction, string> = {
  'summary-job': 'functions/summary-job/handler.ts',
};
