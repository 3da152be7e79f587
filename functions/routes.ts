/**
 * Every API route, declared once: the CDK app creates one HTTP API route per entry (one Lambda per function group)
 * and the local HTTP adapter dispatches to the same handler modules. Paths use API Gateway's `{param}` syntax.
 */
export type RouteFunction = 'health' | 'public-read';

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
];

/** Handler module of each function, relative to the repository root; each exports `handler`. */
export const FUNCTION_ENTRIES: Record<RouteFunction, string> = {
  health: 'functions/health/handler.ts',
  'public-read': 'functions/consultations/handler.ts',
};
