import type { HttpEvent } from '#functions/commons/http.ts';
import { signParticipantId } from '#functions/commons/participant-cookie.ts';
import { asGatewayClaims, type StaffGroup } from '#shared/staff.ts';
import { httpEvent } from './events.ts';
import { TEST_SECRET } from './participation.ts';

export const STAFF = {
  moderator: { sub: 'sub-moderator', username: 'mira.moderator', groups: ['moderator'] },
  drafter: { sub: 'sub-drafter', username: 'dritan.drafter', groups: ['drafter'] },
  admin: { sub: 'sub-admin', username: 'ana.admin', groups: ['admin'] },
} as const satisfies Record<string, { sub: string; username: string; groups: readonly StaffGroup[] }>;
export type StaffUser = keyof typeof STAFF;

/** Claims of a Cognito access token as API Gateway's JWT authorizer hands them to the function (strings). */
export function gatewayClaims(user: StaffUser, overrides: Record<string, unknown> = {}): Record<string, string> {
  const staff = STAFF[user];
  return asGatewayClaims({
    sub: staff.sub,
    username: staff.username,
    'cognito:groups': [...staff.groups],
    token_use: 'access',
    client_id: 'console-client',
    scope: 'openid email profile',
    iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_test',
    exp: 2_000_000_000,
    iat: 1_900_000_000,
    ...overrides,
  });
}

/** A staff API request as the console sends it: Bearer token already verified, JSON body. */
export function staffRequest(
  routeKey: string,
  {
    user,
    claims,
    body,
    pathParameters,
    query,
    participantId,
  }: {
    user?: StaffUser;
    claims?: Record<string, string>;
    body?: unknown;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    participantId?: string;
  },
): HttpEvent {
  const event = httpEvent(routeKey, {
    ...(pathParameters ? { pathParameters } : {}),
    ...(query ? { query } : {}),
    headers: { 'content-type': 'application/json' },
  });
  const verified = claims ?? (user ? gatewayClaims(user) : undefined);
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      ...(verified ? { authorizer: { jwt: { claims: verified, scopes: null } } } : {}),
    } as HttpEvent['requestContext'],
    ...(participantId ? { cookies: [`konsulto_participant=${signParticipantId(participantId, TEST_SECRET)}`] } : {}),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
