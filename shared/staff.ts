import { ForbiddenError, UnauthorizedError } from './errors.ts';

/*
 * Staff identity: the groups of the staff user pool and the rule every staff route applies to the claims of the
 * verified access token. In AWS the HTTP API's JWT authorizer checks signature, issuer, audience (client_id) and
 * expiry, then hands the claims to the function; locally local/auth.ts does the same with a local key. Either way the
 * function receives `requestContext.authorizer.jwt.claims` in API Gateway's shape: every value a string, arrays as
 * "[a b]" (so `cognito:groups` of a moderator and admin arrives as "[moderator admin]").
 */

export const STAFF_GROUPS = ['moderator', 'drafter', 'admin'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** Who acts: kept on audit entries and responses. `sub` is stable; `username` is for people reading the log. */
export type StaffActor = { sub: string; username: string };
export type StaffIdentity = StaffActor & { groups: StaffGroup[] };

/** Claim values as API Gateway passes them (strings), or as a token carries them (strings, numbers, arrays). */
export type JwtClaims = Record<string, unknown>;

/**
 * A claim that holds a list: a JSON array (a decoded token), API Gateway's "[a b c]" rendering, or one plain value.
 * Group names contain no spaces or brackets, so the rendering is unambiguous.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter(Boolean);
}

const isStaffGroup = (value: string): value is StaffGroup => (STAFF_GROUPS as readonly string[]).includes(value);

/**
 * The staff member behind verified claims, or UnauthorizedError (401) when there are none, when the token is not an
 * access token (an ID token also passes API Gateway's audience check, so the function refuses it), or when it lacks
 * a subject. Group membership is checked separately (authorizeGroups), so "who" and "may they" stay distinct.
 */
export function staffIdentity(claims: JwtClaims | undefined): StaffIdentity {
  if (!claims) throw new UnauthorizedError('no verified token');
  if (claims.token_use !== 'access') throw new UnauthorizedError('an access token is required');
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw new UnauthorizedError('the token has no subject');
  const username =
    typeof claims.username === 'string' && claims.username !== ''
      ? claims.username
      : typeof claims['cognito:username'] === 'string'
        ? (claims['cognito:username'] as string)
        : sub;
  return { sub, username, groups: claimList(claims['cognito:groups']).filter(isStaffGroup) };
}

/** ForbiddenError (403) unless the staff member belongs to one of the route's groups. */
export function authorizeGroups(identity: StaffIdentity, allowed: readonly StaffGroup[]): void {
  if (!identity.groups.some((group) => allowed.includes(group))) {
    throw new ForbiddenError('the staff member is in none of the groups this route requires');
  }
}

/** Renders claims the way API Gateway's JWT authorizer hands them to a Lambda (payload format 2.0). */
export function asGatewayClaims(payload: JwtClaims): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value) ? `[${value.map(String).join(' ')}]` : String(value);
  }
  return claims;
}
