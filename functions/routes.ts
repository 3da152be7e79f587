/**
 * Every API route, declared once: the CDK app creates one HTTP API route per entry (one Lambda per function group)
 * and the local HTTP adapter dispatches to the same handler modules. Paths use API Gateway's `{param}` syntax.
 */
export type RouteFunction = 'health' | 'public-read' | 'participation';

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The Lambda function (one per group of routes) that serves the route. */
  function: RouteFunction;
  /** Staff-only routes need a JWT with one of these groups. */
  groups?: readonly ('moderator' | 'drafter' | 'admin')[];
};

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
];

/** Handler module of each function, relative to the repository root; each exports `handler`. */
export const FUNCTION_ENTRIES: Record<RouteFunction, string> = {
  health: 'functions/health/handler.ts',
  'public-read': 'functions/consultations/handler.ts',
  participation: 'functions/participation/handler.ts',
};
